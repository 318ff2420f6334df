package io.credql.statement;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * env() and file() fill only parameters meant for secrets: an API key named by env() cannot end
 * up in a URL path by mistake, and the user who means it says so with a hint.
 */
class SecretSourcePlacementTest {
  private static Connection connect() throws SQLException {
    // port 9 (discard): a request that was sent would fail differently from the refusals below
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath() + ";baseUrl.acme=http://127.0.0.1:9/v1");
  }

  @Test void anEnvironmentVariableInAPathParameterIsRefusedBeforeAnythingIsSent() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = env('CREDQL_TEST_TOKEN')").close();
      }
    });
    assertTrue(e.getMessage().contains("@thingId: env() and file() fill only parameters meant for secrets,"
        + " and thingId goes into the request's path unmarked"), e.getMessage());
    assertTrue(e.getMessage().contains("/*+ ALLOW_SECRET_SOURCES */"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    assertFalse(e.getMessage().contains("engine-test-token"), e.getMessage());
  }

  @Test void aFileInAPlainBodyFieldIsRefusedToo() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.executeQuery("EXEC acme.things.widgets.create @name = file('/etc/hostname'), @password = 'x'").close();
      }
    });
    assertTrue(e.getMessage().contains("@name: env() and file() fill only parameters meant for secrets"), e.getMessage());
  }

  @Test void aPasswordParameterTakesAnEnvironmentVariable() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
            + Paths.get("src/test/resources/providers").toAbsolutePath() + ";dryRun=true");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC acme.things.widgets.create @name = 'w1', @password = env('CREDQL_TEST_TOKEN')")) {
      assertTrue(rs.next());
      assertFalse(rs.getString("body").contains("engine-test-token"), rs.getString("body"));
    }
  }

  private static Connection dryRun() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath() + ";dryRun=true");
  }

  @Test void theHintAllowsASecretSourceWhereTheUserMeansIt() throws SQLException {
    try (Connection c = dryRun(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC /*+ ALLOW_SECRET_SOURCES */ acme.things.widgets.delete"
             + " @name = env('CREDQL_TEST_TOKEN')")) {
      assertTrue(rs.next());
      assertFalse(rs.getString("url").contains("engine-test-token"), rs.getString("url"));
    }
  }

  @Test void aSecretThatFailsAParametersTypeIsNotQuotedInTheError() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = dryRun(); Statement s = c.createStatement()) {
        s.executeQuery("EXEC /*+ ALLOW_SECRET_SOURCES */ acme.things.thing_secrets.rotateThingSecret"
            + " @thingId = env('CREDQL_TEST_TOKEN')").close();
      }
    });
    assertTrue(e.getMessage().contains("thingId"), e.getMessage());
    assertFalse(e.getMessage().contains("engine-test-token"), e.getMessage());
  }
}
