package io.credql.rows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SELECT binds its WHERE values as EXEC and DML bind theirs: a value for an input the document
 * marks secret is masked wherever credql reports it, a body field of a read sent as POST is checked
 * against the request schema, and every request of a fan-out is built before the first is sent.
 */
class SelectBindingTest {
  private static final String PROVIDERS =
      Paths.get("src/test/resources/select-binding").toAbsolutePath().toString();
  /** A combination the test document marks {@code format: password} on a parameter named {@code dial}. */
  private static final String COMBINATION = "turn-left-42";

  private static HttpServer api;
  /** What the fake received: method, path and query, then the body. */
  private static final List<String> RECEIVED = new ArrayList<>();

  @BeforeAll static void startApi() throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", SelectBindingTest::answer);
    api.start();
  }

  @AfterAll static void stopApi() {
    api.stop(0);
  }

  @BeforeEach void forget() {
    synchronized (RECEIVED) {
      RECEIVED.clear();
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    final String target = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (RECEIVED) {
      RECEIVED.add(target + (body.isEmpty() ? "" : " " + body));
    }
    int status = 200;
    String answer;
    if (target.startsWith("GET /v1/safes/")) {
      final String label = exchange.getRequestURI().getPath().split("/")[3];
      answer = "{\"label\": \"" + label + "\", \"open\": true}";
      if (target.contains(COMBINATION)) {
        // the provider repeats what it was given, as many do in their error messages
        status = 400;
        answer = "{\"message\": \"combination " + COMBINATION + " does not open " + label + "\"}";
      }
    } else if (target.startsWith("GET /v1/safes")) {
      answer = "{\"items\": [{\"label\": \"a\", \"room\": \"r1\"}, {\"label\": \"b\", \"room\": \"r2\"},"
          + " {\"label\": \"..\", \"room\": \"r3\"}]}";
    } else {
      answer = "{\"items\": [{\"label\": \"a\", \"room\": \"r1\"}]}";
    }
    final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + PROVIDERS
        + ";baseUrl.keyring=http://127.0.0.1:" + api.getAddress().getPort() + "/v1");
  }

  private static List<String> received() {
    synchronized (RECEIVED) {
      return new ArrayList<>(RECEIVED);
    }
  }

  @Test void aSecretGivenInWhereIsMaskedInTheProvidersError() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "SELECT open FROM keyring.safes.statuses WHERE label = 'a' AND dial = '" + COMBINATION + "'").next());
      assertTrue(e.getMessage().contains("does not open a"), e.getMessage());
      assertFalse(e.getMessage().contains(COMBINATION), e.getMessage());
    }
    assertEquals(1, received().size(), received().toString());
  }

  @Test void aSecretGivenInWhereIsMaskedInExplain() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN SELECT open FROM keyring.safes.statuses"
             + " WHERE label = 'a' AND dial = '" + COMBINATION + "'")) {
      assertTrue(rs.next());
      final String plan = rs.getString("plan");
      assertTrue(plan.contains("statuses"), plan);
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        final String column = rs.getString(i);
        assertFalse(column != null && column.contains(COMBINATION),
            rs.getMetaData().getColumnName(i) + " shows the secret: " + column);
      }
    }
    assertEquals(List.of(), received());
  }

  @Test void aReadSentAsPostCarriesItsWhereValuesInTheBody() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT room FROM keyring.safes.found"
             + " WHERE labels = '[\"a\"]' AND maxResults = 5")) {
      assertTrue(rs.next());
      assertEquals("r1", rs.getString(1));
    }
    assertEquals(List.of("POST /v1/safes/search {\"labels\":[\"a\"],\"maxResults\":5}"), received());
  }

  @Test void aReadSentAsPostWhoseBodyFieldHasTheWrongTypeFailsBeforeSending() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "SELECT room FROM keyring.safes.found WHERE labels = '{\"label\": \"a\"}'").next());
      assertTrue(e.getMessage().contains("labels must be an array"), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    assertEquals(List.of(), received());
  }

  @Test void aFanOutWhoseThirdRequestCannotBeBuiltSendsNothing() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "SELECT open FROM keyring.safes.statuses WHERE label IN ('a', 'b', '..') AND dial = 'x'").next());
      assertTrue(e.getMessage().contains("may not be empty, '.' or '..'"), e.getMessage());
    }
    assertEquals(List.of(), received());
  }

  @Test void aLookupJoinWhoseThirdKeyCannotBeSentMakesNoLookup() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT l.label, d.open FROM keyring.safes.safes l"
            + " JOIN keyring.safes.doors d ON d.label = l.label")) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      assertTrue(e.getMessage().contains("may not be empty, '.' or '..'"), e.getMessage());
    }
    assertEquals(List.of("GET /v1/safes"), received());
  }
}
