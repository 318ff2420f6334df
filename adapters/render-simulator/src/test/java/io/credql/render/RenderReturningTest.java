package io.credql.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RETURNING on Render's INSERT, whose answer (202) has no body: the statement says what happened
 * instead of returning nothing, and asking for a field the response cannot have is refused.
 */
class RenderReturningTest {
  private static RenderSimulator sim;

  @BeforeAll static void start() {
    sim = RenderSimulator.builder().apiKey("test-render-api-key").dataset(RenderDataset.demo()).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.render=" + sim.baseUrl());
  }

  @Test void insertReturningStarReportsTheDespatchAndCreatesTheUserOnce() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('"
            + RenderDataset.ORDERS_PROD + "', 'orders_v9') RETURNING *")) {
      assertTrue(rs.next());
      assertEquals("The operation was despatched successfully", rs.getString("message"));
      assertFalse(rs.next());
    }
    assertEquals(1, sim.requestCount("POST", "/v1/postgres/[^/]+/credentials"));
    assertEquals("orders_v9", sim.defaultUser(RenderDataset.ORDERS_PROD).username());
  }

  @Test void returningAFieldOfAnEmptyAnswerIsRefusedBeforeAnythingIsSent() throws SQLException {
    sim.resetRequests();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('"
              + RenderDataset.ORDERS_PROD + "', 'orders_v10') RETURNING username"));
      assertTrue(e.getMessage().contains("RETURNING username: the response of "
          + "render.postgres.credentials.createPostgresUser has no field username (it declares no fields)"),
          e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }
}
