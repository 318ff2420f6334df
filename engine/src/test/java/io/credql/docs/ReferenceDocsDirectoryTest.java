package io.credql.docs;

import io.credql.session.ProviderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reference directory on disk is compared with the documents page by page and brought up to date. */
class ReferenceDocsDirectoryTest {
  @TempDir Path directory;

  private static ReferenceDocs testProviders() {
    return ReferenceDocs.of(ProviderCatalog.create(List.of(),
        List.of(Paths.get("src/test/resources/providers"))));
  }

  @Test void anEmptyDirectoryMissesEveryPageAndWritingFillsIt() throws IOException {
    final ReferenceDocs docs = testProviders();
    final ReferenceDocsDirectory reference = new ReferenceDocsDirectory(directory);

    final List<ReferenceDocsDirectory.Difference> missing = reference.compare(docs);
    assertEquals(docs.pages().size(), missing.size());
    assertTrue(missing.contains(new ReferenceDocsDirectory.Difference("acme/things/things.md",
        ReferenceDocsDirectory.Change.MISSING)), missing::toString);

    assertEquals(missing, reference.write(docs));
    assertEquals(List.of(), reference.compare(docs));
    assertEquals(docs.pages().get("acme/things/things.md"),
        Files.readString(directory.resolve("acme/things/things.md")));
    assertEquals(List.of(), reference.write(docs), "nothing left to change");
  }

  @Test void anEditedPageAndAPageOfNoResourceAreReportedAndFixedAndOtherFilesAreLeftAlone()
      throws IOException {
    final ReferenceDocs docs = testProviders();
    final ReferenceDocsDirectory reference = new ReferenceDocsDirectory(directory);
    reference.write(docs);
    Files.writeString(directory.resolve("acme/things/things.md"), "edited by hand\n");
    Files.createDirectories(directory.resolve("acme/gone"));
    Files.writeString(directory.resolve("acme/gone/old_resource.md"), "a resource no longer there\n");
    Files.writeString(directory.resolve("acme/notes.md"), "not a resource page\n");
    Files.writeString(directory.resolve("acme/things/diagram.svg"), "<svg/>\n");

    final List<ReferenceDocsDirectory.Difference> differences = reference.compare(docs);
    assertEquals(List.of(
        new ReferenceDocsDirectory.Difference("acme/things/things.md", ReferenceDocsDirectory.Change.CHANGED),
        new ReferenceDocsDirectory.Difference("acme/gone/old_resource.md", ReferenceDocsDirectory.Change.EXTRA)),
        differences);
    assertEquals("acme/things/things.md differs from what the documents say", differences.get(0).toString());
    assertEquals("acme/gone/old_resource.md documents no resource of the provider documents", differences.get(1).toString());

    reference.write(docs);
    assertEquals(List.of(), reference.compare(docs));
    assertFalse(Files.exists(directory.resolve("acme/gone")), "the emptied directory goes too");
    assertTrue(Files.exists(directory.resolve("acme/notes.md")));
    assertTrue(Files.exists(directory.resolve("acme/things/diagram.svg")));
  }
}
