package io.credql.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive shell, with typed lines coming from a stream instead of a terminal. */
class CredqlShellTest {
  private static AcmeApi api;

  @TempDir Path home;

  @BeforeAll static void start() {
    api = new AcmeApi();
  }

  @AfterAll static void stop() {
    api.close();
  }

  @Test void typedStatementsRunAndAreRememberedInTheHistoryFile() throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("providers", AcmeApi.providers().toString());
    properties.setProperty("baseUrl.acme", api.baseUrl());
    final Path history = home.resolve(".credql").resolve("history");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final String typed = "SELECT label FROM acme.things.things WHERE thingId = 7;\n!quit\n";
    final int status = new CredqlShell("jdbc:credql:", properties, ResultFormat.CSV, history,
        new SecretFilteringHistory()).run(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    final String shown = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, () -> shown + err);
    assertTrue(shown.contains(CredqlShell.PROMPT), shown);
    assertTrue(shown.contains("\"seven\""), shown);
    assertTrue(Files.readString(history).contains("WHERE thingId = 7;"), Files.readString(history));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
  }

  @Test void secretsTypedInTheShellNeverReachTheHistoryFile() throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("providers", AcmeApi.providers().toString());
    properties.setProperty("baseUrl.acme", api.baseUrl());
    properties.setProperty("dryRun", "true");
    final Path history = home.resolve(".credql").resolve("history");
    final String typed = "EXEC acme.things.thing_tokens.generate @thingId = 1 "
        + "@@json = '{\"ttl\": \"900s\", \"password\": \"Typed-Secret-1\"}';\n"
        + "SELECT password FROM acme.things.thing_secrets WHERE thingId = 4;\n"
        + "EXEC acme.things.thing_tokens.generate @thingId = 1 @@json = '{\"ttl\": \"pw-of-4\"}';\n"
        + "!quit\n";
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CredqlShell("jdbc:credql:", properties, ResultFormat.CSV, history, new SecretFilteringHistory())
        .run(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("pw-of-4"), "the SELECT still shows the password");
    final String kept = Files.readString(history);
    assertTrue(kept.contains("SELECT password FROM acme.things.thing_secrets WHERE thingId = 4"), kept);
    assertTrue(!kept.contains("Typed-Secret-1"), kept);
    assertTrue(!kept.contains("pw-of-4"), kept);
  }

  @Test void valuesTheDocumentMarksSecretUnderInnocentNamesNeverReachTheHistoryFile() throws Exception {
    final Properties properties = new Properties();
    // the engine's test document: each field carries one secret marker and no secret-sounding name
    properties.setProperty("providers", Paths.get("../engine/src/test/resources/secret-markers")
        .toAbsolutePath().normalize().toString());
    properties.setProperty("dryRun", "true");
    final Path history = home.resolve(".credql").resolve("history");
    final String typed = "EXEC vault.locks.locks.create @@json = '{\"label\": \"front\","
        + " \"phrase\": \"Phrase-Secret-1\"}';\n"
        + "INSERT INTO vault.locks.locks (label, dial) VALUES ('back', 'Dial-Secret-2'),"
        + " ('side', 'Dial-Secret-3');\n"
        + "SET password = 'Set-Secret-4';\n"
        + "SELECT 'Dial-Secret-2' AS reused;\n"
        + "!quit\n";
    new CredqlShell("jdbc:credql:", properties, ResultFormat.CSV, history, new SecretFilteringHistory())
        .run(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    final String kept = Files.readString(history);
    assertTrue(kept.contains("\"label\":\"front\"") && kept.contains("('back', '********')")
        && kept.contains("SET password = '********'") && kept.contains("SELECT '********' AS reused"), kept);
    for (String secret : new String[] {"Phrase-Secret-1", "Dial-Secret-2", "Dial-Secret-3", "Set-Secret-4"}) {
      assertFalse(kept.contains(secret), kept);
    }
  }

  @Test void aConnectionThatFailsEndsTheShellWithOneLineOfError() throws Exception {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status = new CredqlShell("jdbc:credql:concurrency=lots", new Properties(),
        ResultFormat.TABLE, home.resolve(".credql").resolve("history"), new SecretFilteringHistory())
        .run(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    final String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, message);
    assertTrue(message.startsWith("Error: ") && message.contains("concurrency"), message);
    assertTrue(!message.contains("\tat "), message);
  }

  @Test void aHistoryFileThatCannotBeWrittenCostsTheHistoryInOneLineButNotTheShell() throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("providers", AcmeApi.providers().toString());
    properties.setProperty("baseUrl.acme", api.baseUrl());
    // what a full disk or a file-size limit does to each save, without needing either
    final Path history = Files.createDirectories(home.resolve(".credql").resolve("history"));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final String typed = "SELECT label FROM acme.things.things WHERE thingId = 7;\n"
        + "SELECT label FROM acme.things.things WHERE thingId = 7;\n!quit\n";
    final int status = new CredqlShell("jdbc:credql:", properties, ResultFormat.CSV, history,
        new SecretFilteringHistory()).run(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    final String shown = out.toString(StandardCharsets.UTF_8);
    final String told = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, () -> shown + told);
    assertEquals(2, shown.split("\"seven\"", -1).length - 1, "both statements ran: " + shown);
    assertEquals(1, told.split("credql: the shell's history", -1).length - 1, told);
    assertTrue(told.contains(history + " cannot be written (") && told.contains(
        "; this session's lines are not kept in it"), told);
    assertFalse(told.contains("\tat "), told);
  }
}
