package io.credql.azure;

import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled {@code azure} flexible-server resources through credql's JDBC driver, against the
 * simulator: what a user sees. Surefire sets the {@code AZURE_*} variables to the application the
 * simulator registers.
 */
class FlexibleServersJdbcTest {
  private static final String SUBSCRIPTION = FlexibleServersDataset.DEMO_SUBSCRIPTION;
  private static FlexibleServersSimulator sim;

  @BeforeAll static void start() {
    sim = SimulatedTenant.demo().pageSize(2).build().start();
    for (int i = 0; i < 5; i++) {
      sim.putServer(FlexibleServer.ready(FlexibleServerEngine.POSTGRESQL, "rg-tenants",
          String.format("tenant-%02d-pg", i), "northeurope", "tenantadmin"));
    }
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forget() {
    sim.resetRequests();
  }

  static Connection connect(FlexibleServersSimulator simulator) throws SQLException {
    return SimulatedTenant.connect(simulator, new Properties());
  }

  static List<List<String>> rows(Statement s, String sql) throws SQLException {
    return QueryRows.of(s, sql);
  }

  @Test void serversOfASubscriptionAreListedThroughEveryNextLink() throws SQLException {
    try (Connection c = connect(sim); Statement s = c.createStatement()) {
      final List<List<String>> rows = rows(s, "SELECT name, location FROM azure.postgresql_flexible_servers.servers"
          + " WHERE subscription_id = '" + SUBSCRIPTION + "'");
      assertEquals(8, rows.size(), rows.toString());
      assertTrue(rows.contains(List.of("orders-pg-flex", "westeurope")), rows.toString());
    }
    assertEquals(4, sim.armRequestCount(), "8 PostgreSQL servers in pages of 2");
  }

  @Test void oneTokenRequestServesManyCalls() throws SQLException {
    try (Connection c = connect(sim); Statement s = c.createStatement()) {
      for (String group : List.of("rg-prod", "rg-legacy", "rg-tenants")) {
        rows(s, "SELECT name FROM azure.postgresql_flexible_servers.servers WHERE subscription_id = '"
            + SUBSCRIPTION + "' AND resource_group_name = '" + group + "'");
      }
      rows(s, "SELECT name FROM azure.mysql_flexible_servers.servers WHERE subscription_id = '" + SUBSCRIPTION + "'");
    }
    assertEquals(1, sim.tokenRequestCount(), "one token for every call of the connection");
    assertTrue(sim.armRequestCount() >= 4);
  }

  @Test void aServerIsReadByName() throws SQLException {
    try (Connection c = connect(sim); Statement s = c.createStatement()) {
      final List<List<String>> rows = rows(s, "SELECT name, properties FROM azure.mysql_flexible_servers.servers"
          + " WHERE subscription_id = '" + SUBSCRIPTION + "' AND resource_group_name = 'rg-prod'"
          + " AND server_name = 'billing-mysql-flex'");
      assertEquals(1, rows.size(), rows.toString());
      assertTrue(rows.get(0).get(1).contains("\"administratorLogin\":\"mysqladmin\""), rows.toString());
    }
  }

  @Test void updatingAServerThatDoesNotExistIsArmsOwnError() throws SQLException {
    try (Connection c = connect(sim); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> rows(s,
          "EXEC azure.postgresql_flexible_servers.servers.update @subscription_id = '" + SUBSCRIPTION
              + "', @resource_group_name = 'rg-prod', @server_name = 'no-such-server'"
              + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"N3w-Admin-pw!\"}}'"));
      assertTrue(e.getMessage().contains("ResourceNotFound") && e.getMessage().contains("no-such-server"), e.getMessage());
    }
  }

  @Test void settingTheAdministratorPasswordIsAccepted() throws SQLException {
    try (Connection c = connect(sim); Statement s = c.createStatement()) {
      System.out.println(rows(s, "EXEC azure.postgresql_flexible_servers.servers.update @subscription_id = '"
          + SUBSCRIPTION + "', @resource_group_name = 'rg-prod', @server_name = 'orders-pg-flex'"
          + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"N3w-Admin-pw!\"}}'"));
    }
  }
}
