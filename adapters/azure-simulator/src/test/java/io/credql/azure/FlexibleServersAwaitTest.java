package io.credql.azure;

import io.credql.call.VirtualClock;
import io.credql.jdbc.QueryRows;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code EXEC /*+ AWAIT *\/ azure...servers.update}: the 202 Accepted is followed through its
 * {@code Azure-AsyncOperation} to Succeeded or Failed, and a user sees how it ended.
 */
class FlexibleServersAwaitTest {
  private static final String SUBSCRIPTION = FlexibleServersDataset.DEMO_SUBSCRIPTION;
  private static FlexibleServersSimulator sim;

  @BeforeAll static void start() {
    sim = SimulatedTenant.demo().build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static Connection connect(String timeout) throws SQLException {
    final Properties properties = new Properties();
    if (timeout != null) {
      properties.setProperty("awaitTimeout", timeout);
    }
    return SimulatedTenant.connect(sim, properties);
  }

  private static String update(String group, String server, String password) {
    return "EXEC /*+ AWAIT */ azure.postgresql_flexible_servers.servers.update @subscription_id = '"
        + SUBSCRIPTION + "', @resource_group_name = '" + group + "', @server_name = '" + server + "'"
        + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"" + password + "\"}}'";
  }

  @Test void awaitingThePasswordChangeReturnsWhenItSucceededAndThePasswordIsSet() throws SQLException {
    try (Connection c = connect(null); Statement s = c.createStatement()) {
      final List<List<String>> rows = QueryRows.of(s, update("rg-prod", "orders-pg-flex", "Awaited-Admin-1"));
      // one row: the operation's final state (its name is the operation's id)
      assertEquals(1, rows.size(), rows.toString());
    }
    assertEquals("Awaited-Admin-1", sim.administratorPassword(FlexibleServerEngine.POSTGRESQL, "rg-prod",
        "orders-pg-flex").orElseThrow());
  }

  @Test void anOperationThatFailsIsReportedWithAzuresCodeAndText() throws SQLException {
    try (Connection c = connect(null); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> QueryRows.of(s, update("rg-legacy", "reports-pg-flex", "Awaited-Admin-2")));
      assertTrue(e.getMessage().contains("ended failed: [InternalServerError] An unexpected error"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Awaited-Admin-2"), e.getMessage());
    }
    assertTrue(sim.administratorPassword(FlexibleServerEngine.POSTGRESQL, "rg-legacy", "reports-pg-flex").isEmpty());
  }

  @Test void anOperationThatNeverFinishesStopsAtTheTimeout() throws SQLException {
    final VirtualClock clock = new VirtualClock();
    try (Connection c = connect("1"); Statement s = c.createStatement()) {
      // the pauses between polls run on the connection's clock: this one costs no real time
      c.unwrap(CredqlSession.class).useClock(clock);
      // the token first, so that the limit is spent on the operation
      QueryRows.of(s, "SELECT name FROM azure.postgresql_flexible_servers.servers WHERE subscription_id = '"
          + SUBSCRIPTION + "' AND resource_group_name = 'rg-legacy'");
      final SQLException e = assertThrows(SQLException.class,
          () -> QueryRows.of(s, update("rg-legacy", "frozen-pg-flex", "Awaited-Admin-3")));
      assertTrue(e.getMessage().contains("did not finish within 1 s (property awaitTimeout)")
          && e.getMessage().contains("azureAsyncOperation"), e.getMessage());
    }
    assertTrue(clock.slept().compareTo(Duration.ZERO) > 0 && clock.slept().compareTo(Duration.ofSeconds(1)) <= 0,
        "waited between polls, within the timeout: " + clock.slept());
  }
}
