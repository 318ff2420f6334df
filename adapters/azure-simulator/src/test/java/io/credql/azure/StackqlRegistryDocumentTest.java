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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's own Azure documents (the registry's {@code postgresql_flexible_servers} and
 * {@code mysql_flexible_servers}, unchanged, with their {@code azure_default} auth) dropped in with
 * {@code providers=}, against the simulator.
 */
class StackqlRegistryDocumentTest {
  private static final String SUBSCRIPTION = FlexibleServersDataset.DEMO_SUBSCRIPTION;
  private static FlexibleServersSimulator sim;

  @BeforeAll static void start() {
    sim = SimulatedTenant.demo().pageSize(1).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forget() {
    sim.resetRequests();
  }

  private static Connection connect() throws SQLException {
    return SimulatedTenant.connectWithRegistryDocuments(sim);
  }

  @Test void theRegistrysServersAndPasswordUpdateRunAgainstTheSimulator() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final List<List<String>> servers = QueryRows.of(s, "SELECT name, location FROM"
          + " azure.postgresql_flexible_servers.servers WHERE subscription_id = '" + SUBSCRIPTION + "'");
      assertEquals(3, servers.size(), servers.toString());
      assertTrue(servers.contains(List.of("orders-pg-flex", "westeurope")), servers.toString());
      final List<List<String>> mysql = QueryRows.of(s, "SELECT name FROM azure.mysql_flexible_servers.servers"
          + " WHERE subscription_id = '" + SUBSCRIPTION + "' AND resource_group_name = 'rg-prod'");
      assertEquals(List.of(List.of("billing-mysql-flex")), mysql);
      QueryRows.of(s, "EXEC azure.postgresql_flexible_servers.servers.update @subscription_id = '" + SUBSCRIPTION
          + "', @resource_group_name = 'rg-prod', @server_name = 'orders-pg-flex'"
          + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"Registry-Admin-pw1\"}}'");
    }
    assertEquals(1, sim.tokenRequestCount(), "the registry's azure_default auth: one token for every call");
  }
}
