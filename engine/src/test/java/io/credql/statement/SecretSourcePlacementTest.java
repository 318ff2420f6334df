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

  @Test void theHintAllowsASecretSourceWhereTheUserMeansItInExecAndInDelete() throws SQLException {
    for (String sql : new String[] {
        "EXEC /*+ ALLOW_SECRET_SOURCES */ acme.things.widgets.delete @name = env('CREDQL_TEST_TOKEN')",
        "DELETE /*+ ALLOW_SECRET_SOURCES */ FROM acme.things.widgets WHERE name = env('CREDQL_TEST_TOKEN')"}) {
      try (Connection c = dryRun(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertTrue(rs.next(), sql);
        assertTrue(rs.getString("url").contains("/widgets/"), rs.getString("url"));
        assertFalse(rs.getString("url").contains("engine-test-token"), rs.getString("url"));
      }
    }
  }

  private static final String RELAY = Paths.get("src/test/resources/statement-providers").toAbsolutePath().toString();

  /** The refusal {@code sql} gets on a dry-run connection to the test providers {@code providers}. */
  private static String refusal(String providers, String sql) {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = DriverManager.getConnection("jdbc:credql:providers=" + providers + ";dryRun=true");
           Statement s = c.createStatement()) {
        s.execute(sql);
      }
    });
    assertFalse(e.getMessage().contains("engine-test-token"), e.getMessage());
    return e.getMessage();
  }

  @Test void insertUpdateReplaceAndDeleteRefuseASecretSourceInAPlainInputAsExecDoes() {
    final String acme = Paths.get("src/test/resources/providers").toAbsolutePath().toString();
    assertTrue(refusal(acme, "INSERT INTO acme.things.widgets (name, password) VALUES (env('CREDQL_TEST_TOKEN'), 'x')")
        .contains("the value of name: env() and file() fill only parameters meant for secrets, and name goes into"
            + " the request's body unmarked; give its value directly, or add /*+ ALLOW_SECRET_SOURCES */ after"
            + " INSERT"), "INSERT");
    assertTrue(refusal(acme, "DELETE FROM acme.things.widgets WHERE name = env('CREDQL_TEST_TOKEN')")
        .contains("name goes into the request's path unmarked"), "DELETE");
    assertTrue(refusal(RELAY, "UPDATE relay.core.servers SET location = file('/etc/hostname') WHERE serverName = 's1'")
        .contains("the value of location: env() and file() fill only parameters meant for secrets"), "UPDATE");
    final String replace = refusal(RELAY,
        "REPLACE relay.core.servers SET location = 'us' WHERE serverName = env('CREDQL_TEST_TOKEN')");
    assertTrue(replace.contains("after REPLACE"), replace);
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
