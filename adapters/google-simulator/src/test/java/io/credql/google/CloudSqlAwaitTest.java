package io.credql.google;

import io.credql.call.VirtualClock;
import io.credql.jdbc.QueryRows;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code EXEC /*+ AWAIT *\/ google.sqladmin.users.update}: the operation Cloud SQL answers is
 * followed through its {@code selfLink} to DONE, and a user sees how it ended.
 */
class CloudSqlAwaitTest {
  private static final String PROJECT = CloudSqlDataset.DEMO_PROJECT;
  private static CloudSqlSimulator sim;

  @BeforeAll static void start() throws IOException {
    sim = CloudSqlSimulator.builder().dataset(CloudSqlDataset.demo()).build().start();
    GoogleKeyFile.write(sim.serviceAccountKeyJson());
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static String update(String instance, String user, String password) {
    return "EXEC /*+ AWAIT */ google.sqladmin.users.update @project = '" + PROJECT + "', @instance = '"
        + instance + "', @name = '" + user + "' @@json = '{\"password\": \"" + password + "\"}'";
  }

  @Test void awaitingAPasswordChangeReturnsTheDoneOperationAndThePasswordIsSet() throws SQLException {
    try (Connection c = CloudSqlJdbcTest.connect(sim, ""); Statement s = c.createStatement()) {
      final List<List<String>> rows = QueryRows.of(s, update("orders-pg", "postgres", "Awaited-pw-001"));
      assertEquals(1, rows.size(), rows.toString());
      assertTrue(rows.get(0).containsAll(List.of("DONE", "UPDATE_USER", "orders-pg")), rows.toString());
    }
    assertEquals("Awaited-pw-001", sim.password("orders-pg", "postgres").orElseThrow());
  }

  @Test void anOperationThatFailsIsReportedWithCloudSqlsCodeAndText() throws SQLException {
    try (Connection c = CloudSqlJdbcTest.connect(sim, ""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> QueryRows.of(s, update("legacy-pg", "postgres", "Awaited-pw-002")));
      assertTrue(e.getMessage().contains("ended failed: [INTERNAL_ERROR] An internal error occurred"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Awaited-pw-002"), e.getMessage());
    }
    assertTrue(sim.password("legacy-pg", "postgres").isEmpty(), "a failed operation changes nothing");
  }

  @Test void anOperationThatNeverFinishesStopsAtTheTimeoutAndSaysWhereToFollowIt() throws SQLException {
    final VirtualClock clock = new VirtualClock();
    try (Connection c = CloudSqlJdbcTest.connect(sim, ";awaitTimeout=1"); Statement s = c.createStatement()) {
      // the pauses between polls run on the connection's clock: this one costs no real time
      c.unwrap(CredqlSession.class).useClock(clock);
      // the token first, so that the limit is spent on the operation
      QueryRows.of(s, "SELECT name FROM google.sqladmin.users WHERE project = '" + PROJECT + "' AND instance = 'stuck-pg'");
      final SQLException e = assertThrows(SQLException.class,
          () -> QueryRows.of(s, update("stuck-pg", "postgres", "Awaited-pw-003")));
      assertTrue(e.getMessage().contains("did not finish within 1 s (property awaitTimeout)")
          && e.getMessage().contains("/operations/"),
          e.getMessage());
    }
    assertTrue(clock.slept().compareTo(Duration.ZERO) > 0 && clock.slept().compareTo(Duration.ofSeconds(1)) <= 0,
        "waited between polls, within the timeout: " + clock.slept());
    assertTrue(sim.password("stuck-pg", "postgres").isEmpty());
  }
}
