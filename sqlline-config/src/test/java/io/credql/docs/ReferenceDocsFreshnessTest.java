package io.credql.docs;

import io.credql.session.ProviderCatalog;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference pages committed under {@code docs/providers} are exactly what the bundled
 * documents generate, so a change to a document that is not reflected in the docs fails the build
 * and says how to regenerate them.
 */
class ReferenceDocsFreshnessTest {
  private static final Path COMMITTED = Paths.get("../docs/providers");

  private static ReferenceDocs generated() {
    return ReferenceDocs.of(ProviderCatalog.create(CredqlSession.bundles(), List.of()));
  }

  @Test void theCommittedReferencePagesAreWhatTheBundledDocumentsGenerate() throws IOException {
    final List<ReferenceDocsDirectory.Difference> differences =
        new ReferenceDocsDirectory(COMMITTED).compare(generated());
    assertTrue(differences.isEmpty(), () -> "The provider reference in docs/providers is out of date:\n  "
        + differences.stream().map(Object::toString).collect(Collectors.joining("\n  "))
        + "\nRegenerate it from the repository's root and commit the result:\n"
        + "  ./mvnw -B -q -DskipTests package && " + ReferenceDocs.REGENERATE_COMMAND + "\n");
  }

  @Test void everyBundledResourceHasAPageLinkedFromTheIndex() {
    final ReferenceDocs docs = generated();
    final ProviderCatalog catalog = ProviderCatalog.create(CredqlSession.bundles(), List.of());
    int resources = 0;
    for (String providerName : catalog.providerNames()) {
      final var provider = catalog.provider(providerName);
      for (String service : provider.serviceEntries().keySet()) {
        for (var resource : provider.service(service).resources().values()) {
          resources++;
          final String path = ReferenceDocs.pagePath(resource);
          assertTrue(docs.pages().containsKey(path), path);
          assertTrue(docs.pages().get(ReferenceDocs.INDEX).contains("](" + path + ")"), path);
        }
      }
    }
    assertEquals(resources + 1, docs.pages().size(), "one page per resource, and the index");
  }
}
