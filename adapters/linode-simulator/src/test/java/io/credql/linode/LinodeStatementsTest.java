package io.credql.linode;

import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackQL's statements on Linode's resources, as the seed documents them. */
class LinodeStatementsTest {
  private static final String TOKEN = "test-linode-token";
  private static final String CREDENTIALS = "linode.databases.postgresql_instances_credentials";
  private static LinodeSimulator sim;

  @BeforeAll static void start() {
    sim = LinodeSimulator.builder().token(TOKEN).dataset(LinodeDataset.demo()).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forgetRequests() {
    sim.resetRequests();
  }

  private static Connection connect(String more) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.linode=" + sim.baseUrl() + more);
  }

  private static List<List<String>> rows(Statement s, String sql) throws SQLException {
    return QueryRows.of(s, sql);
  }

  @Test void showMethodsListsTheSeedsThreeMethodsWithTheSeedsVerbs() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(List.of(
          List.of("getDatabasesPostgreSQLInstanceCredentials", "instanceId", "SELECT"),
          List.of("postDatabasesPostgreSQLInstanceCredentialsReset", "instanceId", "EXEC"),
          List.of("_getDatabasesPostgreSQLInstanceCredentials", "instanceId", "EXEC")),
          rows(s, "SHOW METHODS IN " + CREDENTIALS));
    }
  }

  @Test void resettingCredentialsGivesANewPasswordOnTheNextSelect() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final String before = rows(s, "SELECT password FROM " + CREDENTIALS + " WHERE instanceId = 123").get(0).get(0);
      assertEquals(List.of(List.of("The operation was despatched successfully")), rows(s,
          "EXEC " + CREDENTIALS + ".postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123"));
      final String after = rows(s, "SELECT password FROM " + CREDENTIALS + " WHERE instanceId = 123").get(0).get(0);
      assertNotEquals(before, after);
      assertEquals(sim.password(DatabaseEngine.POSTGRESQL, 123), after);
    }
  }

  @Test void theRawTwinReturnsTheResponsesFields() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC " + CREDENTIALS + "._getDatabasesPostgreSQLInstanceCredentials @instanceId = 124")) {
      assertEquals("password", rs.getMetaData().getColumnLabel(1));
      assertEquals("username", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      assertEquals(sim.username(DatabaseEngine.POSTGRESQL, 124), rs.getString("username"));
      assertEquals(sim.password(DatabaseEngine.POSTGRESQL, 124), rs.getString("password"));
    }
  }

  @Test void aDryRunOfAResetSendsNothingAndShowsTheRequest() throws SQLException {
    final String before = sim.password(DatabaseEngine.POSTGRESQL, 123);
    try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement()) {
      assertEquals(List.of(java.util.Arrays.asList("POST",
              sim.baseUrl() + "/databases/postgresql/instances/123/credentials/reset", null)),
          rows(s, "EXEC " + CREDENTIALS + ".postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123"));
    }
    assertEquals(0, sim.requestCount());
    assertEquals(before, sim.password(DatabaseEngine.POSTGRESQL, 123));
  }

  @Test void describeShowsTheSeedsFields() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final List<List<String>> rows = rows(s, "DESCRIBE EXTENDED " + CREDENTIALS);
      assertEquals(List.of("password", "string"), rows.get(0).subList(0, 2));
      assertTrue(rows.get(0).get(2).contains("root password"), rows.get(0).get(2));
      assertEquals(List.of("username", "string"), rows.get(1).subList(0, 2));
      assertFalse(rows.isEmpty());
    }
    assertEquals(0, sim.requestCount());
  }
}
