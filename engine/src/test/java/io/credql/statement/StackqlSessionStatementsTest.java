package io.credql.statement;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.AcmeApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.credql.jdbc.QueryRows.labels;
import static io.credql.jdbc.QueryRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackQL's USE, SLEEP, PURGE, NATIVEQUERY and EXPLAIN, through JDBC, against a fake that counts requests. */
class StackqlSessionStatementsTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @BeforeEach void stubs() {
    api.stubFor(get(urlPathEqualTo("/v1/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"name\":\"w1\",\"size\":1},{\"name\":\"w2\",\"size\":2}]")));
    api.stubFor(post(urlPathMatching("/v1/things/[0-9]+/secret/rotate"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
  }

  private static Connection connect() throws SQLException {
    return AcmeApi.connect(api, ";timeout=1");
  }

  private static int requests() {
    return api.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
  }

  @Test void afterUseAProviderNamesLeaveItOutAndJdbcShowsItAsTheSchema() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(0, s.executeUpdate("USE acme"));
      assertEquals("acme", c.getSchema());
      try (ResultSet rs = s.executeQuery("SELECT name FROM things.widgets ORDER BY name")) {
        assertEquals(List.of(List.of("w1"), List.of("w2")), rows(rs));
      }
      s.execute("EXEC things.thing_secrets.rotateThingSecret @thingId = 42");
      assertEquals(1, api.countRequestsMatching(
          anyRequestedFor(urlPathEqualTo("/v1/things/42/secret/rotate")).build()).getCount());
    }
  }

  @Test void useOfAnUnknownProviderSaysWhichExist() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.execute("USE nosuch"));
      assertTrue(e.getMessage().contains("no provider called nosuch; providers: "), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test void sleepWaitsAndRefusesANegativeOrNonNumericOrTooLongTime() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final long start = System.nanoTime();
      assertEquals(0, s.executeUpdate("SLEEP 20"));
      assertTrue(System.nanoTime() - start >= 20_000_000L);
      for (String bad : List.of("SLEEP -5", "SLEEP 'soon'", "SLEEP 1.5", "SLEEP 5000")) {
        final SQLException e = assertThrows(SQLException.class, () -> s.execute(bad), bad);
        assertTrue(e.getMessage().contains("SLEEP"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      }
    }
  }

  @Test void sleepStopsWhenItsThreadIsInterrupted() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Thread.currentThread().interrupt();
      final SQLException e = assertThrows(SQLException.class, () -> s.execute("SLEEP 900"));
      assertTrue(e.getMessage().contains("SLEEP was interrupted"), e.getMessage());
      assertTrue(Thread.interrupted());
    }
  }

  @Test void purgeSaysThereIsNothingToPurgeAndRefusesAnUnknownTarget() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PURGE")) {
        assertEquals(List.of("message"), labels(rs));
        assertTrue(rows(rs).get(0).get(0).startsWith("nothing to purge"));
      }
      final SQLException e = assertThrows(SQLException.class, () -> s.execute("PURGE my_snapshot"));
      assertTrue(e.getMessage().contains("DROP MATERIALIZED VIEW my_snapshot"), e.getMessage());
    }
  }

  @Test void nativeQueryRunsItsSqlAsCredqlSql() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("NATIVEQUERY 'SELECT size FROM acme.things.widgets WHERE name = ''w2'''")) {
      assertEquals(List.of(List.of("2")), rows(rs));
    }
  }

  @Test void afterUseShowDescribeAndShowInsertFindServicesAndResourcesInTheProvider()
      throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final String outside = assertThrows(SQLException.class,
          () -> s.executeQuery("SHOW RESOURCES IN things")).getMessage();
      assertTrue(outside.contains("SHOW RESOURCES needs IN <provider.service>"), outside);
      s.execute("USE acme");
      final List<List<String>> resources;
      try (ResultSet rs = s.executeQuery("SHOW RESOURCES IN things")) {
        resources = rows(rs);
      }
      try (ResultSet rs = s.executeQuery("SHOW RESOURCES IN acme.things")) {
        assertEquals(rows(rs), resources);
      }
      assertTrue(resources.toString().contains("widgets, acme.things.widgets"), resources.toString());
      try (ResultSet rs = s.executeQuery("SHOW SERVICES")) {
        assertEquals("things", rows(rs).get(0).get(1));
      }
      try (ResultSet rs = s.executeQuery("SHOW METHODS IN things.widgets")) {
        assertTrue(rows(rs).toString().contains("create, name, INSERT"));
      }
      try (ResultSet rs = s.executeQuery("DESCRIBE things.widgets")) {
        assertTrue(rows(rs).toString().contains("size"));
      }
      try (ResultSet rs = s.executeQuery("SHOW INSERT INTO things.widgets")) {
        final String template = rows(rs).get(0).get(0);
        assertTrue(template.startsWith("INSERT INTO acme.things.widgets("), template);
      }
      final String unknown = assertThrows(SQLException.class,
          () -> s.executeQuery("SHOW METHODS IN things.nosuch")).getMessage();
      assertTrue(unknown.contains("no resource called nosuch in acme.things"), unknown);
    }
    assertEquals(0, requests());
  }

  @Test void explainPlansAQueryAndSendsNothing() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN SELECT name FROM acme.things.widgets WHERE size > 1")) {
      assertEquals(List.of("query", "result", "timestamp", "valid", "plan"), labels(rs));
      final List<String> row = rows(rs).get(0);
      assertEquals("SELECT name FROM acme.things.widgets WHERE size > 1", row.get(0));
      assertEquals("OK", row.get(1));
      assertEquals("true", row.get(3));
      assertTrue(row.get(4).contains("widgets"), row.get(4));
    }
    assertEquals(0, requests());
  }

  @Test void explainOfAMutationChecksItAndSendsNothing() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("EXPLAIN EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42")) {
        final List<String> row = rows(rs).get(0);
        assertEquals("OK", row.get(1));
        assertEquals("POST http://127.0.0.1:" + api.getPort() + "/v1/things/42/secret/rotate\n"
            + "  headers: none (and the provider's credentials, if it takes any, when sent)\n"
            + "nothing was sent", row.get(4));
      }
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN EXEC acme.things.thing_secrets.nosuch @thingId = 42"));
      assertTrue(e.getMessage().contains("no method called nosuch"), e.getMessage());
    }
    assertEquals(0, requests());
  }

  @Test void explainListsTheRequestsOfInsertDeleteAndExecWithSecretsMaskedAsADryRunMasksThem()
      throws SQLException {
    final String insert = "INSERT INTO acme.things.widgets (name, size, password)"
        + " VALUES ('w9', 3, env('CREDQL_TEST_TOKEN'))";
    final String dryRunBody;
    try (Connection c = DriverManager.getConnection(AcmeApi.DOCUMENTS + ";dryRun=true");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(insert)) {
      assertTrue(rs.next());
      dryRunBody = rs.getString("body");
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final String plan = explained(s, insert);
      assertEquals("POST http://127.0.0.1:" + api.getPort() + "/v1/widgets\n"
          + "  headers: Content-Type (and the provider's credentials, if it takes any, when sent)\n"
          + "  body: " + dryRunBody + "\nnothing was sent", plan);
      assertTrue(plan.contains("\"password\":\"********\""), plan);
      assertFalse(plan.contains("engine-test-token"), plan);
      assertTrue(explained(s, "DELETE FROM acme.things.widgets WHERE name IN ('w1', 'w2')")
          .startsWith("DELETE http://127.0.0.1:" + api.getPort() + "/v1/widgets/w1\n  headers: none"));
      assertTrue(explained(s, "DELETE FROM acme.things.widgets WHERE name IN ('w1', 'w2')")
          .contains("\nDELETE http://127.0.0.1:" + api.getPort() + "/v1/widgets/w2\n"));
      assertTrue(explained(s, "EXEC acme.things.thing_tokens.generate @thingId = 7, @ttl = '900s'")
          .contains("/v1/things/7/tokens\n  headers: Content-Type"));
      assertTrue(explained(s, "EXEC acme.things.widgets.list").startsWith("GET http://127.0.0.1:"
          + api.getPort() + "/v1/widgets\n"));
    }
    assertEquals(0, requests());
  }

  private static String explained(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString("plan");
    }
  }

  @Test void showAuthSaysWhichVariablesEachProviderReadsAndWhetherTheyAreSetNeverTheirValues()
      throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW AUTH acme")) {
        assertEquals(List.of("provider", "type", "variables", "status"), labels(rs));
        assertEquals(List.of(List.of("acme", "bearer", "CREDQL_TEST_TOKEN", "set")), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("SHOW AUTH")) {
        final String all = rows(rs).toString();
        assertTrue(all.contains("beta, null_auth, , set"), all);
        assertFalse(all.contains("engine-test-token"), all);
      }
    }
    final Properties properties = new Properties();
    properties.setProperty("auth", "{\"acme\": {\"type\": \"bearer\", \"credentialsenvvar\": \"CREDQL_UNSET_VAR\"}}");
    try (Connection c = DriverManager.getConnection(AcmeApi.DOCUMENTS, properties);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW AUTH acme")) {
      assertEquals("not set: CREDQL_UNSET_VAR", rows(rs).get(0).get(3));
    }
  }

  @Test void authLoginAndRevokeSayExactlyWhatGivesTheLoginInsteadAndNeverShowTheCredential()
      throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final String keyFile = failure(s, "AUTH LOGIN acme serviceaccount '/tmp/key.json'");
      assertTrue(keyFile.startsWith("credql does not log in (StackQL's AUTH LOGIN keeps a login for the"
          + " session; credql reads acme's credentials from the environment variable CREDQL_TEST_TOKEN"
          + " on each call): to use the key file /tmp/key.json, put its content in CREDQL_TEST_TOKEN"
          + " in the environment credql runs in (export CREDQL_TEST_TOKEN=\"$(cat /tmp/key.json)\")"),
          keyFile);
      assertTrue(keyFile.endsWith("(SHOW AUTH acme shows what it reads and whether it is set)"), keyFile);
      final String envVar = failure(s, "AUTH LOGIN acme SA '' 'ACME_OTHER_TOKEN'");
      assertTrue(envVar.contains("to read the credential from ACME_OTHER_TOKEN, connect with the property"
          + " auth={\"acme\": {\"type\": \"bearer\", \"credentialsenvvar\": \"ACME_OTHER_TOKEN\"}}"), envVar);
      assertTrue(failure(s, "AUTH LOGIN acme interactive").contains("there is no interactive login"
          + " (StackQL's runs gcloud); set CREDQL_TEST_TOKEN in the environment credql runs in"));
      assertTrue(failure(s, "AUTH LOGIN acme").contains("set CREDQL_TEST_TOKEN in the environment"
          + " credql runs in, or name other variables with the connection property auth=<json>"));
      assertTrue(failure(s, "AUTH LOGIN acme oauth").contains("unknown login type oauth; StackQL's are"
          + " INTERACTIVE, SERVICEACCOUNT and SA"));
      final String revoke = failure(s, "AUTH REVOKE acme");
      assertTrue(revoke.startsWith("credql keeps no login to revoke: acme's credentials are read from the"
          + " environment variable CREDQL_TEST_TOKEN on each call; unset it"), revoke);
      assertTrue(failure(s, "AUTH LOGIN beta").contains("beta takes no credentials"));
      for (String message : List.of(keyFile, envVar, revoke)) {
        assertFalse(message.contains("engine-test-token"), message);
      }
    }
    assertEquals(0, requests());
  }

  private static String failure(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> s.execute(sql), sql).getMessage();
  }
}
