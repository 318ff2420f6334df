package io.credql.google;

import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled {@code google.sqladmin} resources through credql's JDBC driver, against the
 * simulator: what a user sees. {@code GOOGLE_CREDENTIALS} (set by surefire) names the key file
 * written here before each connection.
 */
class CloudSqlJdbcTest {
  private static final String PROJECT = CloudSqlDataset.DEMO_PROJECT;
  /** Instances besides the demo ones, so the listing spans pages of 5. */
  private static final int EXTRA_INSTANCES = 8;
  private static CloudSqlSimulator sim;

  @BeforeAll static void start() throws IOException {
    sim = CloudSqlSimulator.builder().dataset(CloudSqlDataset.demo()).pageSize(5).build().start();
    for (int i = 0; i < EXTRA_INSTANCES; i++) {
      sim.putInstance(CloudSqlInstance.runnable(String.format("tenant-%02d", i), "POSTGRES_16", "europe-west4"));
    }
    GoogleKeyFile.write(sim.serviceAccountKeyJson());
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forget() {
    sim.resetRequests();
  }

  static Connection connect(CloudSqlSimulator simulator, String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.google=" + simulator.baseUrl() + extra);
  }

  static List<List<String>> rows(Statement s, String sql) throws SQLException {
    return QueryRows.of(s, sql);
  }

  @Test void listingInstancesFollowsNextPageTokenThroughEveryPage() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      final List<List<String>> rows = rows(s, "SELECT name, databaseVersion, state FROM google.sqladmin.instances"
          + " WHERE project = '" + PROJECT + "'");
      assertEquals(sim.instances().size(), rows.size(), rows.toString());
      assertTrue(rows.contains(List.of("orders-pg", "POSTGRES_16", "RUNNABLE")), rows.toString());
    }
    assertEquals(3, sim.apiRequestCount(), "12 instances in pages of 5");
  }

  @Test void oneTokenRequestServesManyCalls() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      for (String instance : List.of("orders-pg", "billing-mysql", "legacy-pg", "stuck-pg")) {
        assertFalse(rows(s, "SELECT name FROM google.sqladmin.users WHERE project = '" + PROJECT
            + "' AND instance = '" + instance + "'").isEmpty(), instance);
      }
      rows(s, "SELECT name FROM google.sqladmin.instances WHERE project = '" + PROJECT + "'");
    }
    assertEquals(1, sim.tokenRequestCount(), "one token for every call of the connection");
    assertEquals(7, sim.apiRequestCount());
  }

  @Test void aUserIsReadByNameAndAnUnknownInstanceHasNoRows() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      assertEquals(List.of(List.of("app_rw", "BUILT_IN")), rows(s, "SELECT name, type FROM google.sqladmin.users"
          + " WHERE project = '" + PROJECT + "' AND instance = 'orders-pg' AND name = 'app_rw'"));
      assertEquals(List.of(), rows(s, "SELECT name FROM google.sqladmin.instances"
          + " WHERE project = '" + PROJECT + "' AND instance = 'no-such-instance'"));
    }
  }

  @Test void settingAUsersPasswordAnswersThePendingOperationAndChangesItWhenDone() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      final List<List<String>> started = rows(s, "EXEC google.sqladmin.users.update @project = '" + PROJECT
          + "', @instance = 'orders-pg', @name = 'app_rw' @@json = '{\"password\": \"Fresh-pw-0001\"}'");
      assertEquals(1, started.size(), started.toString());
      assertTrue(started.get(0).containsAll(List.of("sql#operation", "PENDING", "UPDATE_USER", "orders-pg")),
          started.toString());
      final String operation = started.get(0).get(1);
      assertTrue(sim.password("orders-pg", "app_rw").isEmpty(), "not before the operation is done");
      assertEquals(List.of(List.of("RUNNING")), rows(s, "SELECT status FROM google.sqladmin.operations"
          + " WHERE project = '" + PROJECT + "' AND operation = '" + operation + "'"));
      assertEquals(List.of(List.of("DONE")), rows(s, "SELECT status FROM google.sqladmin.operations"
          + " WHERE project = '" + PROJECT + "' AND operation = '" + operation + "'"));
      assertEquals("Fresh-pw-0001", sim.password("orders-pg", "app_rw").orElseThrow());
    }
  }

  @Test void settingThePasswordOfAnUnknownUserIsGooglesNotFound() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(s, "EXEC google.sqladmin.users.update"
          + " @project = '" + PROJECT + "', @instance = 'orders-pg', @name = 'nobody'"
          + " @@json = '{\"password\": \"Fresh-pw-0001\"}'"));
      assertTrue(e.getMessage().contains("NOT_FOUND") && e.getMessage().contains("The Cloud SQL user does not exist."),
          e.getMessage());
      assertFalse(e.getMessage().contains("Fresh-pw-0001"), e.getMessage());
    }
  }

  @Test void anotherProjectIsRefusedWithGooglesPermissionDenied() throws SQLException {
    try (Connection c = connect(sim, ""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(s,
          "SELECT name FROM google.sqladmin.instances WHERE project = 'someone-else'"));
      assertTrue(e.getMessage().contains("PERMISSION_DENIED"), e.getMessage());
    }
  }
}
