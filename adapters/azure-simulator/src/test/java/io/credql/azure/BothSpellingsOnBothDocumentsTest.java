package io.credql.azure;

import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same statements, written with Azure's camelCase names or with their snake_case aliases, run
 * on credql's bundled {@code azure} documents and on StackQL's registry documents (unchanged, which
 * declare {@code snake_case_aliases}) against the simulator, and do the same thing.
 */
class BothSpellingsOnBothDocumentsTest {
  private static final String SUBSCRIPTION = FlexibleServersDataset.DEMO_SUBSCRIPTION;
  private static FlexibleServersSimulator sim;

  @BeforeAll static void start() {
    sim = SimulatedTenant.demo().build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static Connection connect(boolean registry) throws SQLException {
    return registry ? SimulatedTenant.connectWithRegistryDocuments(sim) : SimulatedTenant.connect(sim, new Properties());
  }

  private static List<List<String>> rows(boolean registry, String sql) throws SQLException {
    try (Connection c = connect(registry); Statement s = c.createStatement()) {
      return QueryRows.of(s, sql);
    }
  }

  @Test void selectGivesTheSameRowsInEitherSpellingOnEitherDocument() throws SQLException {
    final List<List<String>> expected = rows(false, "SELECT name, location, systemData"
        + " FROM azure.postgresql_flexible_servers.servers WHERE subscription_id = '" + SUBSCRIPTION
        + "' AND resource_group_name = 'rg-prod' ORDER BY name");
    assertEquals(Arrays.asList("orders-pg-flex", "westeurope", null), expected.get(0), expected.toString());
    for (boolean registry : List.of(false, true)) {
      // camelCase, as StackQL's reference pages print the fields, then snake_case
      for (String sql : List.of(
          "SELECT name, location, systemData FROM azure.postgresql_flexible_servers.servers"
              + " WHERE subscriptionId = '" + SUBSCRIPTION + "' AND resourceGroupName = 'rg-prod' ORDER BY name",
          "SELECT name, location, system_data FROM azure.postgresql_flexible_servers.servers"
              + " WHERE subscription_id = '" + SUBSCRIPTION + "' AND resource_group_name = 'rg-prod' ORDER BY name")) {
        assertEquals(expected, rows(registry, sql), (registry ? "registry: " : "bundled: ") + sql);
      }
    }
  }

  @Test void execAndUpdateSetTheAdministratorPasswordInEitherSpellingOnEitherDocument() throws SQLException {
    int n = 0;
    for (boolean registry : List.of(false, true)) {
      for (String[] names : List.of(new String[] {"subscriptionId", "resourceGroupName", "serverName"},
          new String[] {"subscription_id", "resource_group_name", "server_name"})) {
        final String where = names[0] + " = '" + SUBSCRIPTION + "' AND " + names[1] + " = 'rg-prod' AND "
            + names[2] + " = 'orders-pg-flex'";
        final String execPassword = "Exec-Admin-pw" + (++n) + "!";
        try (Connection c = connect(registry); Statement s = c.createStatement()) {
          s.execute("EXEC /*+ AWAIT */ azure.postgresql_flexible_servers.servers.update @" + names[0] + " = '" + SUBSCRIPTION
              + "', @" + names[1] + " = 'rg-prod', @" + names[2] + " = 'orders-pg-flex'"
              + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"" + execPassword + "\"}}'");
        }
        assertEquals(Optional.of(execPassword), password(), (registry ? "registry " : "bundled ") + names[0]);
        final String updatePassword = "Update-Admin-pw" + n + "!";
        try (Connection c = connect(registry); Statement s = c.createStatement()) {
          s.execute("UPDATE /*+ AWAIT */ azure.postgresql_flexible_servers.servers SET properties = '{\"administratorLoginPassword\": \""
              + updatePassword + "\"}' WHERE " + where);
        }
        assertEquals(Optional.of(updatePassword), password(), (registry ? "registry " : "bundled ") + names[0]);
      }
    }
  }

  private static Optional<String> password() {
    return sim.administratorPassword(FlexibleServerEngine.POSTGRESQL, "rg-prod", "orders-pg-flex");
  }
}
