package io.credql.statement;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every marker by which a document says a value is secret ({@code format: password},
 * {@code writeOnly}, {@code x-ms-secret}, {@code x-stackQL-sensitive}, {@code x-credql-secret})
 * counts, whatever the field is called: its value is masked in a dry run and in the audit log,
 * and env() may fill it. The fields of the test document are named like nothing secret.
 */
class SecretMarkersTest {
  private static final String PROVIDERS = Paths.get("src/test/resources/secret-markers").toAbsolutePath().toString();
  private static final String COMBINATION = "turn-left-42";

  private static Connection dryRun() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + PROVIDERS + ";dryRun=true");
  }

  /** The fields of the test document, one per marker. */
  private static final String[] MARKED = {"dial", "phrase", "seal", "charm", "latch"};

  @Test void aMarkedBodyFieldIsMaskedInADryRun() throws SQLException {
    for (String field : MARKED) {
      try (Connection c = dryRun(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("INSERT INTO vault.locks.locks (label, " + field + ") VALUES ('front', '"
               + COMBINATION + "')")) {
        assertTrue(rs.next());
        final String body = rs.getString("body");
        assertTrue(body.contains("front"), body);
        assertFalse(body.contains(COMBINATION), field + " is shown: " + body);
      }
    }
  }

  @Test void aMarkedFieldInsideAJsonBodyIsMaskedInADryRun() throws SQLException {
    for (String field : MARKED) {
      try (Connection c = dryRun(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("EXEC vault.locks.locks.create @@json = '{\"label\": \"front\", \""
               + field + "\": \"" + COMBINATION + "\"}'")) {
        assertTrue(rs.next());
        final String body = rs.getString("body");
        assertTrue(body.contains("front"), body);
        assertFalse(body.contains(COMBINATION), field + " is shown: " + body);
      }
    }
  }

  @Test void aMarkedQueryParameterIsMaskedInADryRun() throws SQLException {
    try (Connection c = dryRun(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC vault.locks.locks.open @label = 'front', @dial = '" + COMBINATION + "'")) {
      assertTrue(rs.next());
      final String url = rs.getString("url");
      assertTrue(url.contains("/locks/front/open"), url);
      assertFalse(url.contains(COMBINATION), url);
    }
  }

  @Test void aMarkedFieldTakesAnEnvironmentVariable() throws SQLException {
    for (String field : MARKED) {
      try (Connection c = dryRun(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("INSERT INTO vault.locks.locks (label, " + field
               + ") VALUES ('front', env('CREDQL_TEST_TOKEN'))")) {
        assertTrue(rs.next(), field);
        assertFalse(rs.getString("body").contains("engine-test-token"), rs.getString("body"));
      }
    }
  }

  @Test void anUnmarkedFieldRefusesAnEnvironmentVariable() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = dryRun(); Statement s = c.createStatement()) {
        s.executeQuery("INSERT INTO vault.locks.locks (label, dial) VALUES (env('CREDQL_TEST_TOKEN'), 'x')").close();
      }
    });
    assertTrue(e.getMessage().contains("the value of label: env() and file() fill only parameters meant for"
        + " secrets"), e.getMessage());
  }

  @Test void theAuditLogMasksEveryMarkedField(@TempDir Path dir) throws Exception {
    final Path audit = dir.resolve("audit.jsonl");
    final String sent;
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.empty(201));
         Connection c = DriverManager.getConnection("jdbc:credql:providers=" + PROVIDERS
            + ";baseUrl.vault=" + api.url("/v1") + ";auditLog=" + audit);
         Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO vault.locks.locks (label, dial, phrase, seal, charm, latch)"
          + " VALUES ('front', 'dial-secret-1', 'phrase-secret-2', 'seal-secret-3', 'charm-secret-4',"
          + " 'latch-secret-5')"));
      sent = api.requests().stream().map(LoopbackJsonServer.Request::body).collect(Collectors.joining());
    }
    final String log = Files.readString(audit);
    for (String secret : new String[] {"dial-secret-1", "phrase-secret-2", "seal-secret-3", "charm-secret-4",
        "latch-secret-5"}) {
      assertTrue(sent.contains(secret), "the provider got " + secret + ": " + sent);
      assertFalse(log.contains(secret), "the audit log shows " + secret + ": " + log);
    }
    assertTrue(log.contains("front"), log);
  }
}
