package io.credql.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text credql does not control, a provider's answers and the user's script files, reaches the
 * terminal and the output files without driving them: no raw control characters, no forged lines,
 * and a script's encoding is checked rather than guessed.
 */
class UntrustedTextTest {
  private static final String HOSTILE = "esc\\u001b[2Jnul\\u0000end";
  private static AcmeApi api;

  @TempDir Path home;

  @BeforeAll static void start() {
    api = new AcmeApi();
    api.answerThing(66, 400, "{\"errors\":[{\"reason\":\"\\u001b[31mdenied\\r\\nError in statement 2 (line 9): forged\"}]}");
    api.answerThing(67, 200, "{\"id\":67,\"label\":\"" + HOSTILE + "\"}");
  }

  @AfterAll static void stop() {
    api.close();
  }

  private CliRun credql(String... args) {
    return CliRun.of(home, args);
  }

  @Test void aProvidersErrorCannotDriveTheTerminalNorForgeAnErrorLine() {
    final CliRun run = credql("-u", api.jdbcUrl(), "-e", "SELECT label FROM acme.things.things WHERE thingId = 66");
    assertEquals(1, run.status(), run::toString);
    assertFalse(run.err().contains("\u001b"), run::toString);
    assertFalse(run.err().contains("\r"), run::toString);
    assertEquals(1, run.err().lines().filter(l -> l.startsWith("Error in statement")).count(), run::toString);
    assertTrue(run.err().contains("\\u001b[31mdenied\\r\\nError in statement 2"), run::toString);
  }

  @Test void csvShowsControlCharactersAsVisibleSymbols() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "csv", "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 67");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nesc\u241b[2Jnul\u2400end\n", run.out());
  }

  @Test void tsvEscapesControlCharactersAsHex() {
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "tsv", "-e",
        "SELECT label FROM acme.things.things WHERE thingId = 67");
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nesc\\x1b[2Jnul\\x00end\n", run.out());
  }

  @Test void aScriptSavedWithAByteOrderMarkRuns(@TempDir Path dir) throws Exception {
    final Path script = dir.resolve("bom.sql");
    Files.write(script, ("\uFEFFSELECT label FROM acme.things.things WHERE thingId = 7;")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    final CliRun run = credql("-u", api.jdbcUrl(), "--output", "csv", "-f", script.toString());
    assertEquals(0, run.status(), run::toString);
    assertEquals("label\nseven\n", run.out());
  }

  @Test void aScriptThatIsNotUtf8IsRefusedAtItsFirstBadByte(@TempDir Path dir) throws Exception {
    final Path script = dir.resolve("latin1.sql");
    Files.write(script, "SELECT 1;\nSELECT 'caf\u00e9';".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    final CliRun run = credql("-u", api.jdbcUrl(), "-f", script.toString());
    assertEquals(1, run.status(), run::toString);
    assertEquals("credql: cannot read " + script + ": it is not UTF-8 (byte 0xE9 at offset 21, line 2);"
        + " save it as UTF-8\n", run.err());
  }
}
