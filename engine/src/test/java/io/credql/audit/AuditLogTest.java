package io.credql.audit;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log tells the truth about a mutation whatever happens to the log itself: an outcome
 * it cannot record is reported beside what the call did, lines are whole or not written, and a
 * torn line is skipped and reported when read back.
 */
class AuditLogTest {
  private static final String ROTATE = "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42";

  @TempDir Path dir;
  private LoopbackJsonServer api;
  private Path audit;
  private volatile int status = 200;
  private volatile boolean breakLogOnRequest;

  @BeforeEach void start() {
    audit = dir.resolve("home").resolve(".credql").resolve("audit.jsonl");
    api = LoopbackJsonServer.answering(request -> {
      if (breakLogOnRequest) {
        // the disk fills up while the provider works: the log can no longer be written
        Files.delete(audit);
        Files.createDirectory(audit);
      }
      return Answer.json(status, status == 200 ? "{\"username\":\"root\",\"password\":\"new-pw\"}"
          : "{\"errors\":[{\"reason\":\"thing 42 must be active\"}]}");
    });
  }

  @AfterEach void stop() {
    api.close();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=" + api.url("/v1") + ";auditLog=" + audit);
  }

  @Test void aResetWhoseOutcomeCannotBeRecordedIsReportedAsSentWithItsResult() throws SQLException {
    breakLogOnRequest = true;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(ROTATE)) {
        assertTrue(rs.next());
      }
      final SQLWarning warning = s.getWarnings();
      assertNotNull(warning, "the failed audit write is reported");
      assertTrue(warning.getMessage().contains("rotateThingSecret was sent and succeeded (HTTP 200)"),
          warning.getMessage());
      assertFalse(warning.getMessage().contains("not sent"), warning.getMessage());
    }
  }

  @Test void aRefusedResetWhoseOutcomeCannotBeRecordedKeepsTheProvidersError() {
    breakLogOnRequest = true;
    status = 400;
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.executeQuery(ROTATE).close();
      }
    });
    assertTrue(e.getMessage().contains("thing 42 must be active"), e.getMessage());
    assertNotNull(e.getNextException(), "the failed audit write is reported in addition");
    assertTrue(e.getNextException().getMessage().contains("was sent and refused (HTTP 400)"),
        e.getNextException().getMessage());
  }

  @Test void aLineACrashCutShortIsSkippedAndReportedAndLaterLinesStayWhole() throws Exception {
    Files.createDirectories(audit.getParent());
    Files.writeString(audit, "{\"time\":\"2026-11-30T00:00:00Z\",\"event\":\"inte");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeQuery(ROTATE).close();
    }
    final AuditRecords read = AuditRecords.read(audit);
    assertEquals(List.of(1), read.tornLines());
    assertEquals(List.of("intent", "outcome"), read.records().stream().map(r -> r.get("event").asText()).toList());
    assertTrue(read.report(audit).contains("skipped 1 line that is not a whole record"), read.report(audit));
  }

  @Test void theLogIsPrivateToItsOwner() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeQuery(ROTATE).close();
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(audit.getParent())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));
  }

  @Test void aChannelThatWritesAFewBytesAtATimeGetsTheWholeLine() throws IOException {
    final StringBuilder written = new StringBuilder();
    AuditLog.writeFully(new WritableByteChannel() {
      @Override public int write(ByteBuffer src) {
        written.append((char) src.get());
        return 1;
      }

      @Override public boolean isOpen() {
        return true;
      }

      @Override public void close() {
      }
    }, ByteBuffer.wrap("{\"event\":\"outcome\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("{\"event\":\"outcome\"}\n", written.toString());
  }

  @Test void aChannelThatAcceptsNothingFailsLoudly() {
    final IOException e = assertThrows(IOException.class, () -> AuditLog.writeFully(new WritableByteChannel() {
      @Override public int write(ByteBuffer src) {
        return 0;
      }

      @Override public boolean isOpen() {
        return true;
      }

      @Override public void close() {
      }
    }, ByteBuffer.wrap("line\n".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("5 bytes of the line were not written"), e.getMessage());
  }

  @Test void homeIsTakenFromTheEnvironmentFirst() {
    assertEquals(Paths.get("/home/ops/.credql"), CredqlDirectory.of(Map.of("HOME", "/home/ops"), "/root"));
    assertEquals(Paths.get("/root/.credql"), CredqlDirectory.of(Map.of(), "/root"));
  }

  @Test void aUserWithoutAHomeGetsNoDirectoryRatherThanOneUnderTheCurrentOne() {
    assertNull(CredqlDirectory.of(Map.of(), "?"));
    assertNull(CredqlDirectory.of(Map.of("HOME", ""), "?"));
    assertNull(CredqlDirectory.of(Map.of("HOME", "relative/dir"), null));
  }
}
