package io.credql.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server refuses before any statement runs (headers or a body over its limits, a path it
 * does not serve) reaches a user of Avatica's thin driver or of credql's driver as one line saying
 * why, not as {@code got HTTP/431} nor an HTML page.
 */
class ServerRefusalsTest {
  @TempDir static Path directory;
  static CredqlServer server;

  @BeforeAll static void startServer() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    final Properties connection = new Properties();
    connection.setProperty("sandbox", "true");
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    server = CredqlServer.start(ServerSettings.of(users, connection).withMaxRequestBytes(16 * 1024));
  }

  @AfterAll static void stopServer() {
    server.close();
  }

  private static Connection thin(String path, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + path
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ann;avatica_password=" + password);
  }

  /** Avatica's thin driver left on its default serialization, JSON, which this server does not speak. */
  private static Connection thinOnJson(String path, String password, Properties more) throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + path
        + ";authentication=BASIC;avatica_user=ann;avatica_password=" + password, more);
  }

  private static Connection credql(String path, String password) throws SQLException {
    final Properties login = new Properties();
    login.setProperty("user", "ann");
    login.setProperty("password", password);
    return DriverManager.getConnection("jdbc:credql:remote=" + server.url() + path, login);
  }

  private static String oneLine(Throwable e) {
    final String message = String.valueOf(e.getMessage());
    assertFalse(message.contains("\n") || message.contains("<"), "one line, no HTML: " + message);
    assertFalse(message.contains("got HTTP/"), message);
    return message;
  }

  @Test void headersLargerThanTheServerReadsAreRefusedInOneLineThroughEitherDriver() {
    final String longPassword = "p".repeat(20_000);
    final String expected = "credql server: the request's headers are larger than the 8192 bytes this server"
        + " reads (HTTP 431); nothing was run";
    final Exception thin = assertThrows(Exception.class, () -> thin("", longPassword).close());
    assertTrue(oneLine(thin).contains(expected), thin.getMessage());
    final SQLException credql = assertThrows(SQLException.class, () -> credql("", longPassword).close());
    assertTrue(oneLine(credql).startsWith(expected), credql.getMessage());
  }

  @Test void aStatementLargerThanTheServerAcceptsIsRefusedInOneLineAndTheServerStaysUp() throws SQLException {
    final String huge = "SELECT '" + "x".repeat(20_000) + "' AS x";
    final String expected = "credql server: the request is larger than the 16384 bytes this server accepts"
        + " (its --max-request-bytes); nothing was run";
    try (Connection c = thin("", "ann-password"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(huge).close());
      assertTrue(oneLine(e).contains(expected), e.getMessage());
    }
    try (Connection c = credql("", "ann-password"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(huge).close());
      assertEquals(expected, oneLine(e));
      try (ResultSet rows = s.executeQuery("SELECT 1")) {
        assertTrue(rows.next(), "the connection goes on");
      }
    }
  }

  @Test void aPathTheServerDoesNotServeIsNamedInOneLine() {
    final Exception thin = assertThrows(Exception.class, () -> thin("/nowhere", "ann-password").close());
    assertTrue(oneLine(thin).contains("credql server: nothing is served at this path (HTTP 404)"), thin.getMessage());
    final SQLException credql = assertThrows(SQLException.class, () -> credql("/nowhere", "ann-password").close());
    assertTrue(oneLine(credql).startsWith("credql server: nothing is served at this path (HTTP 404)"),
        credql.getMessage());
  }

  @Test void aMalformedBodyFromAnAvaticaClientGetsAvaticasErrorAnswerAndOthersAPlainLine() throws Exception {
    final HttpClient http = HttpClient.newHttpClient();
    final HttpRequest.Builder request = HttpRequest.newBuilder(server.url())
        .header("Authorization", RawRequests.basic("ann", "ann-password"))
        .POST(HttpRequest.BodyPublishers.ofString("this is not protobuf"));
    final HttpResponse<byte[]> avatica = http.send(request.header("Content-Type", "application/octet-stream").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    // the only status whose body Avatica's client reads as its error
    assertEquals(500, avatica.statusCode());
    final Service.Response answer = new ProtobufTranslationImpl().parseResponse(avatica.body());
    assertEquals(MalformedRequests.MESSAGE, ((Service.ErrorResponse) answer).errorMessage);
  }

  @Test void theThinDriverLeftOnJsonIsToldInOneLineToAskForProtobuf() {
    final Exception e = assertThrows(Exception.class, () -> thinOnJson("", "ann-password", new Properties()).close());
    assertEquals("Remote driver error: " + MalformedRequests.JSON_MESSAGE, oneLine(e));
  }

  @Test void theThinDriverLeftOnJsonReadsAPathTheServerDoesNotServeInOneLine() {
    final Exception e = assertThrows(Exception.class,
        () -> thinOnJson("/nowhere", "ann-password", new Properties()).close());
    assertTrue(oneLine(e).startsWith("Remote driver error: credql server: nothing is served at this path (HTTP 404)"),
        e.getMessage());
  }

  @Test void theThinDriverLeftOnJsonReadsARequestLargerThanTheServerAcceptsInOneLine() {
    // the thin driver sends its connection's properties in its first request
    final Properties large = new Properties();
    large.setProperty("note", "x".repeat(20_000));
    final Exception e = assertThrows(Exception.class, () -> thinOnJson("", "ann-password", large).close());
    assertEquals("Remote driver error: credql server: the request is larger than the 16384 bytes this server"
        + " accepts (its --max-request-bytes); nothing was run", oneLine(e));
  }

  @Test void aJsonBodyFromAnAvaticaClientGetsAvaticasJsonErrorAnswerAndCurlOrAHealthCheckAPlainLine() throws Exception {
    final HttpClient http = HttpClient.newHttpClient();
    final String openConnection = "{\"request\":\"openConnection\",\"connectionId\":\"c1\"}";
    final HttpRequest.Builder request = HttpRequest.newBuilder(server.url())
        .header("Authorization", RawRequests.basic("ann", "ann-password"))
        .POST(HttpRequest.BodyPublishers.ofString(openConnection));
    final HttpResponse<String> avatica = http.send(
        request.copy().header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(500, avatica.statusCode());
    final Service.ErrorResponse answer = (Service.ErrorResponse) JsonService.MAPPER.readValue(avatica.body(),
        Service.Response.class);
    assertEquals(MalformedRequests.JSON_MESSAGE, answer.errorMessage);
    assertEquals(400, answer.errorCode, "the status the answer stands for");
    final HttpResponse<String> curl = http.send(request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, curl.statusCode());
    assertEquals(MalformedRequests.JSON_MESSAGE + "\n", curl.body());
    final HttpResponse<String> healthCheck = http.send(HttpRequest.newBuilder(server.url().resolve("/health"))
        .header("Authorization", RawRequests.basic("ann", "ann-password")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, healthCheck.statusCode());
    assertTrue(healthCheck.body().startsWith("credql server: nothing is served at this path (HTTP 404)"),
        healthCheck.body());
  }
}
