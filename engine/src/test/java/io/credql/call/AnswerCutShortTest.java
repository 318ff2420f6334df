package io.credql.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider whose answer to a reset claims more bytes than it sends, then closes the connection:
 * the request got there, so the user hears that the answer was cut short and the outcome is
 * unknown, with the SELECT that checks it; never "cannot reach the provider".
 */
class AnswerCutShortTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ServerSocket api;
  private Thread serving;
  private final AtomicInteger rotations = new AtomicInteger();

  /** Answers each request with a Content-Length of 5000, sends 12 bytes of body and hangs up. */
  @BeforeEach void start() throws IOException {
    api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = new Thread(() -> {
      while (!api.isClosed()) {
        try (Socket client = api.accept()) {
          final BufferedReader request = new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
          int length = 0;
          for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          request.skip(length);
          rotations.incrementAndGet();
          final OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
              + "{\"username\":").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (IOException e) {
          // closed at the end of the test
        }
      }
    }, "cut-short-provider");
    serving.start();
  }

  @AfterEach void stop() throws Exception {
    api.close();
    serving.join(5_000);
  }

  @Test void aResetWhoseAnswerIsCutShortWasSentAndItsOutcomeIsUnknown() throws Exception {
    final Path audit = dir.resolve("audit.jsonl");
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath() + ";baseUrl.acme=http://127.0.0.1:"
        + api.getLocalPort() + "/v1;auditLog=" + audit);
        Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42").next());
      assertTrue(e.getMessage().contains("rotateThingSecret: outcome unknown: the request was sent and acme began"
          + " to answer, but the answer (HTTP 200) was cut short: 12 of 5000 announced bytes arrived"), e.getMessage());
      assertTrue(e.getMessage().contains("It was not re-sent") && e.getMessage().contains(
          "SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."), e.getMessage());
      assertFalse(e.getMessage().contains("cannot reach"), e.getMessage());
    }
    final List<String> lines = Files.readAllLines(audit);
    assertEquals("unknown", JSON.readTree(lines.get(lines.size() - 1)).get("outcome").asText());
    assertEquals(1, rotations.get(), "not re-sent");
  }
}
