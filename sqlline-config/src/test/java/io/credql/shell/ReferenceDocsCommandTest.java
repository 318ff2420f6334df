package io.credql.shell;

import io.credql.docs.ReferenceDocs;
import io.credql.session.ProviderCatalog;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code credql --reference-docs <dir>} writes the provider reference, as the user guide says. */
class ReferenceDocsCommandTest {
  @TempDir Path home;
  @TempDir Path out;

  private static int bundledPages() {
    return ReferenceDocs.of(ProviderCatalog.create(CredqlSession.bundles(), List.of())).pages().size();
  }

  @Test void itWritesAPagePerResourceAndTheIndexThenFindsNothingToChange() throws IOException {
    final CliRun first = CliRun.of(home, "--reference-docs", out.toString());
    assertEquals(0, first.status(), first::toString);
    assertEquals("", first.out());
    final int pages = bundledPages();
    assertTrue(first.err().endsWith(pages + " pages in " + out + ", " + pages + " changes\n"), first::toString);
    assertTrue(first.err().contains("wrote " + out.resolve("linode/databases/postgresql_instances_credentials.md")),
        first::toString);
    final String page = Files.readString(out.resolve("render/postgres/credentials.md"), StandardCharsets.UTF_8);
    assertTrue(page.contains("<CopyableCode code=\"render.postgres.credentials\" />"), page);
    assertTrue(Files.readString(out.resolve("index.md")).contains("](render/postgres/credentials.md)"));

    final CliRun second = CliRun.of(home, "--reference-docs=" + out);
    assertEquals(0, second.status(), second::toString);
    assertEquals(pages + " pages in " + out + ", 0 changes\n", second.err());
  }

  @Test void aPageEditedByHandIsRewrittenAndAPageOfNoResourceIsRemoved() throws IOException {
    assertEquals(0, CliRun.of(home, "--reference-docs", out.toString()).status());
    final Path edited = out.resolve("linode/databases/mysql_instances.md");
    Files.writeString(edited, "edited\n");
    final Path stale = out.resolve("linode/databases/oracle_instances.md");
    Files.writeString(stale, "a resource that is gone\n");

    final CliRun run = CliRun.of(home, "--reference-docs", out.toString());
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.err().contains("wrote " + edited + "\n"), run::toString);
    assertTrue(run.err().contains("removed " + stale + "\n"), run::toString);
    assertTrue(run.err().endsWith(", 2 changes\n"), run::toString);
    assertFalse(Files.exists(stale));
    assertTrue(Files.readString(edited).startsWith("---\ntitle: mysql_instances\n"));
  }

  @Test void providersFromADirectoryGetPagesToo() throws IOException {
    final CliRun run = CliRun.of(home, "--reference-docs", out.toString(),
        "--property", "providers=" + AcmeApi.providers());
    assertEquals(0, run.status(), run::toString);
    assertTrue(Files.readString(out.resolve("acme/things/thing_secrets.md"))
        .contains("<CopyableCode code=\"acme.things.thing_secrets\" />"));
    assertTrue(Files.exists(out.resolve("linode/databases/postgresql_instances.md")));
  }

  @Test void itRunsNoStatementsSoDashEWithItIsAUsageError() {
    final CliRun run = CliRun.of(home, "--reference-docs", out.toString(), "-e", "SHOW PROVIDERS");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.err().startsWith("credql: --reference-docs writes pages and runs no statements"), run::toString);
  }

  @Test void theHelpListsTheOption() {
    final CliRun run = CliRun.of(home, "--help");
    assertTrue(run.out().contains("  --reference-docs <dir> write the provider reference pages"), run::toString);
  }
}
