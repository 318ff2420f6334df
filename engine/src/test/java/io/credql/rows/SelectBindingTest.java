package io.credql.rows;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.LoopbackJsonServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  private static LoopbackJsonServer api;

  @BeforeAll static void startApi() {
    api = LoopbackJsonServer.answering(SelectBindingTest::answer);
  }

  @AfterAll static void stopApi() {
    api.close();
  }

  @BeforeEach void forget() {
    api.forget();
  }

  private static Answer answer(Request request) {
    final String target = request.target();
    if (target.startsWith("GET /v1/safes/")) {
      final String label = request.path().split("/")[3];
      if (target.contains(COMBINATION)) {
        // the provider repeats what it was given, as many do in their error messages
        return Answer.json(400, "{\"message\": \"combination " + COMBINATION + " does not open " + label + "\"}");
      }
      return Answer.json("{\"label\": \"" + label + "\", \"open\": true}");
    } else if (target.startsWith("GET /v1/safes")) {
      return Answer.json("{\"items\": [{\"label\": \"a\", \"room\": \"r1\"}, {\"label\": \"b\", \"room\": \"r2\"},"
          + " {\"label\": \"..\", \"room\": \"r3\"}]}");
    }
    return Answer.json("{\"items\": [{\"label\": \"a\", \"room\": \"r1\"}]}");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + PROVIDERS + ";baseUrl.keyring=" + api.url("/v1"));
  }

  /** What the fake received: method, path and query, then the body. */
  private static List<String> received() {
    return api.requests().stream()
        .map(request -> request.target() + (request.body().isEmpty() ? "" : " " + request.body()))
        .toList();
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
