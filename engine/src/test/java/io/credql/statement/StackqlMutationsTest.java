package io.credql.statement;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.credql.jdbc.QueryRows.labels;
import static io.credql.jdbc.QueryRows.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's mutations through JDBC: REPLACE and UPDATE with SET, RETURNING on INSERT, UPDATE and
 * REPLACE, and AWAIT on asynchronous operations (Azure's Azure-AsyncOperation and Location,
 * Google's Operation), against a loopback fake of a provider.
 */
class StackqlMutationsTest {
  private static final String JSON = "application/json";
  private static final String SERVER = "{\"data\": {\"name\": \"s1\", \"state\": \"Ready\","
      + " \"location\": \"eu\", \"default\": true, \"user\": \"admin\", \"value\": 3}}";
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
  @RegisterExtension static final WireMockExtension elsewhere = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void stubs() {
    api.stubFor(put(urlPathMatching("/v1/servers/[^/]+")).willReturn(ok(SERVER)));
    api.stubFor(patch(urlPathMatching("/v1/servers/[^/]+")).willReturn(ok(SERVER)));
    api.stubFor(get(urlPathEqualTo("/v1/servers/s1")).willReturn(ok(
        "{\"name\": \"s1\", \"state\": \"Ready\", \"default\": true, \"user\": \"admin\", \"value\": 3}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse().withHeader("Content-Type", JSON).withBody(body);
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/statement-providers").toAbsolutePath()
        + ";baseUrl.relay=http://127.0.0.1:" + api.getPort() + "/v1" + extra);
  }

  private static List<List<String>> query(String sql) throws SQLException {
    return query("", sql);
  }

  private static List<List<String>> query(String extra, String sql) throws SQLException {
    try (Connection c = connect(extra); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static String failure(String extra, String sql) throws SQLException {
    try (Connection c = connect(extra); Statement s = c.createStatement()) {
      return assertThrows(SQLException.class, () -> s.execute(sql)).getMessage();
    }
  }

  @Test void insertReturningGivesTheCreatedResourcesFieldsThroughItsObjectKey() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "INSERT INTO relay.core.servers (serverName, location, default) VALUES ('s1', 'eu', true)"
            + " RETURNING name, state, default")) {
      assertEquals(List.of("name", "state", "default"), labels(rs));
      assertEquals(List.of(List.of("s1", "Ready", "true")), rows(rs));
    }
    api.verify(1, putRequestedFor(urlPathEqualTo("/v1/servers/s1"))
        .withRequestBody(equalToJson("{\"location\": \"eu\", \"default\": true}")));
  }

  @Test void insertSelectReturningStarRunsAsStackqlsDocGeneratorWritesIt() throws SQLException {
    final List<List<String>> rows = query("INSERT INTO relay.core.servers (serverName, location, user)\n"
        + "SELECT 's2', 'us', 'ops'\nRETURNING *");
    assertEquals(List.of(List.of("s1", "Ready", "eu", "true", "admin", "3")), rows);
    api.verify(1, putRequestedFor(urlPathEqualTo("/v1/servers/s2"))
        .withRequestBody(equalToJson("{\"location\": \"us\", \"user\": \"ops\"}")));
  }

  @Test void replaceCallsTheReplaceMethodWithSetAsTheBodyAndWhereAsThePath() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate(
          "REPLACE relay.core.servers SET location = 'us', default = false WHERE serverName = 's1'"));
    }
    api.verify(1, putRequestedFor(urlPathEqualTo("/v1/servers/s1"))
        .withRequestBody(equalToJson("{\"location\": \"us\", \"default\": false}")));
    api.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test void explainOfUpdateAndReplaceListsTheirRequestsAndSendsNothing() throws SQLException {
    final String server = "http://127.0.0.1:" + api.getPort() + "/v1/servers/s1\n";
    final String headers = "  headers: Content-Type (and the provider's credentials, if it takes any, when sent)\n";
    assertEquals(List.of(List.of("PATCH " + server + headers
        + "  body: {\"location\":\"eu\",\"size\":4}\nnothing was sent")), column(4, query(
        "EXPLAIN UPDATE relay.core.servers SET location = 'eu', size = 4 WHERE serverName = 's1' RETURNING state")));
    assertEquals(List.of(List.of("PUT " + server + headers
        + "  body: {\"location\":\"us\",\"default\":false}\nnothing was sent")), column(4, query(
        "EXPLAIN REPLACE /*+ AWAIT */ relay.core.servers SET location = 'us', default = false WHERE serverName = 's1'")));
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  private static List<List<String>> column(int index, List<List<String>> rows) {
    return rows.stream().map(row -> List.of(row.get(index))).collect(java.util.stream.Collectors.toList());
  }

  @Test void stackqlsStringAndJsonCallsAreValuesAndAnyOtherExpressionIsNamedInTheError() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE relay.core.servers SET location = string('eu'), size = 4"
          + " WHERE serverName = json('s1')"));
    }
    api.verify(1, patchRequestedFor(urlPathEqualTo("/v1/servers/s1"))
        .withRequestBody(equalToJson("{\"location\": \"eu\", \"size\": 4}")));
    // StackQL's update.md writes SET data__properties = json_replace(json_remove(data__properties, ...)),
    // which StackQL's own UPDATE refuses ("update does not currently support dynamic content")
    assertEquals("the value of location must be a literal ('text', 123, true, NULL), ?, string('text'),"
        + " env('VARIABLE') or file('path'), not a call of json_replace() at line 1, column 42 (StackQL takes no other"
        + " expression there either: compute the value with a SELECT and pass it as a literal or a ?, or"
        + " write INSERT ... SELECT)", failure("", "UPDATE relay.core.servers SET location = "
        + "json_replace(location, '$.a', 1) WHERE serverName = 's1'"));
    api.verify(1, patchRequestedFor(anyUrl()));
  }

  @Test void updateCallsTheUpdateMethodAndReturnsTheResponseFields() throws SQLException {
    assertEquals(List.of(List.of("Ready", "admin")), query(
        "UPDATE relay.core.servers SET location = 'eu', size = 4 WHERE serverName = 's1' RETURNING state, user"));
    api.verify(1, patchRequestedFor(urlPathEqualTo("/v1/servers/s1"))
        .withRequestBody(equalToJson("{\"location\": \"eu\", \"size\": 4}")));
  }

  @Test void anUpdateWithAnEmptySetTakesPathAndBodyInputsFromWhereAsStackqlDoes() throws SQLException {
    assertEquals(List.of(List.of("Ready")), query("UPDATE relay.core.servers\nSET \n-- No updatable properties\n"
        + "WHERE serverName = 's1' AND location = 'eu' AND size = 4 RETURNING state"));
    api.verify(1, patchRequestedFor(urlPathEqualTo("/v1/servers/s1"))
        .withRequestBody(equalToJson("{\"location\": \"eu\", \"size\": 4}")));
  }

  @Test void returningAFieldTheResponseDoesNotHaveIsRefusedBeforeAnythingIsSent() throws SQLException {
    final String message = failure("", "UPDATE relay.core.servers SET location = 'eu'"
        + " WHERE serverName = 's1' RETURNING colour");
    assertTrue(message.contains("RETURNING colour: the response of relay.core.servers.update has no"
        + " field colour (its fields: name, state, location, default, user, value)"), message);
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void wordsCalciteReservesWorkAsPlainColumnNamesAsStackqlsDocumentsWriteThem() throws SQLException {
    assertEquals(List.of(List.of("true", "admin", "3", "s1")), query(
        "SELECT default, user, value, `name` FROM relay.core.servers WHERE serverName = 's1'"
            + " AND default = true AND value = 3"));
  }

  @Test void aProviderDeclaredViewRunsWithItsPlaceholderFilledFromTheOuterWhere() throws SQLException {
    assertEquals(List.of(List.of("s1", "READY", "true", "s1")),
        query("SELECT * FROM relay.core.vw_servers WHERE serverName = 's1'"));
    api.verify(1, getRequestedFor(urlPathEqualTo("/v1/servers/s1")));
    final String missing = failure("", "SELECT * FROM relay.core.vw_servers");
    assertTrue(missing.contains("serverName"), missing);
    final String broken = failure("", "SELECT * FROM relay.core.vw_broken WHERE name = 'x'");
    assertTrue(broken.contains("relay.core.vw_broken is a StackQL view that credql cannot run: it uses"
        + " a {{ placeholder }} other than in WHERE column = '{{ name }}'"), broken);
  }

  @Test void awaitPollsAnAzureAsyncOperationUntilItSucceeds() throws SQLException {
    final String operation = "http://127.0.0.1:" + api.getPort() + "/v1/operations/azure-1";
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/restart")).willReturn(aResponse().withStatus(202)
        .withHeader("Azure-AsyncOperation", operation).withHeader("Retry-After", "0")));
    inSequence("/v1/operations/azure-1", "{\"status\": \"InProgress\"}",
        "{\"status\": \"InProgress\"}", "{\"status\": \"Succeeded\"}");
    assertEquals(List.of(List.of("The operation completed successfully")),
        query("EXEC /*+ AWAIT */ relay.core.servers.restart @serverName = 's1'"));
    api.verify(1, postRequestedFor(urlPathEqualTo("/v1/servers/s1/restart")));
    api.verify(3, getRequestedFor(urlPathEqualTo("/v1/operations/azure-1")));
  }

  @Test void withoutAwaitTheOperationIsOnlyDespatched() throws SQLException {
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/restart")).willReturn(aResponse().withStatus(202)
        .withHeader("Azure-AsyncOperation", "http://127.0.0.1:" + api.getPort() + "/v1/operations/x")));
    assertEquals(List.of(List.of("The operation was despatched successfully")),
        query("EXEC relay.core.servers.restart @serverName = 's1'"));
    api.verify(0, getRequestedFor(anyUrl()));
  }

  @Test void aFailedOperationIsAnErrorNamingTheOperationAndItsReason() throws SQLException {
    final String operation = "http://127.0.0.1:" + api.getPort() + "/v1/operations/azure-2";
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/restart")).willReturn(aResponse().withStatus(202)
        .withHeader("Azure-AsyncOperation", operation).withHeader("Retry-After", "0")));
    inSequence("/v1/operations/azure-2", "{\"status\": \"InProgress\"}",
        "{\"status\": \"Failed\", \"error\": {\"code\": \"QuotaExceeded\", \"message\": \"no capacity in eu\"}}");
    final String message = failure("", "EXEC /*+ AWAIT */ relay.core.servers.restart @serverName = 's1'");
    assertTrue(message.contains("the asynchronous operation " + operation
        + " ended failed: [QuotaExceeded] no capacity in eu; see the operation at " + operation), message);
    assertEquals(1, message.lines().count(), message);
    api.verify(1, postRequestedFor(urlPathEqualTo("/v1/servers/s1/restart")));
  }

  @Test void anAwaitThatNeverEndsIsAOneLineTimeoutNamingTheOperationAndNothingIsSentTwice()
      throws SQLException {
    final String operation = "http://127.0.0.1:" + api.getPort() + "/v1/operations/azure-3";
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/restart")).willReturn(aResponse().withStatus(202)
        .withHeader("Azure-AsyncOperation", operation).withHeader("Retry-After", "0")));
    api.stubFor(get(urlPathEqualTo("/v1/operations/azure-3")).willReturn(ok("{\"status\": \"InProgress\"}")
        .withHeader("Retry-After", "0")));
    final String message = failure(";awaitTimeout=1",
        "EXEC /*+ AWAIT */ relay.core.servers.restart @serverName = 's1'");
    assertTrue(message.contains("the asynchronous operation " + operation + " did not finish within 1 s"
        + " (property awaitTimeout); it may still be running: check it later at " + operation), message);
    assertEquals(1, message.lines().count(), message);
    api.verify(1, postRequestedFor(urlPathEqualTo("/v1/servers/s1/restart")));
  }

  @Test void deleteWithAwaitFollowsLocationUntilItStopsAnswering202() throws SQLException {
    api.stubFor(delete(urlPathEqualTo("/v1/servers/s1")).willReturn(aResponse().withStatus(202)
        .withHeader("Location", "/v1/operations/del-1").withHeader("Retry-After", "0")));
    api.stubFor(get(urlPathEqualTo("/v1/operations/del-1")).inScenario("del")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(202)
            .withHeader("Retry-After", "0")).willSetStateTo("done"));
    api.stubFor(get(urlPathEqualTo("/v1/operations/del-1")).inScenario("del")
        .whenScenarioStateIs("done").willReturn(aResponse().withStatus(200)));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("DELETE /*+ AWAIT */ FROM relay.core.servers WHERE serverName = 's1'"));
    }
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/operations/del-1")));
  }

  @Test void insertWithAwaitPollsAGoogleOperationThroughTheServicesOperationsGet() throws SQLException {
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/backups")).willReturn(
        ok("{\"name\": \"operations/op-7\", \"done\": false}")));
    inSequence("/v1/operations/op-7", "{\"name\": \"operations/op-7\", \"done\": false}",
        "{\"name\": \"operations/op-7\", \"done\": true}");
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate(
          "INSERT /*+ AWAIT */ INTO relay.core.backups (serverName, label) VALUES ('s1', 'nightly')"));
    }
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/operations/op-7")));
    final String failed = "{\"name\": \"operations/op-8\", \"done\": true, \"error\": {\"message\": \"disk full\"}}";
    api.stubFor(post(urlPathEqualTo("/v1/servers/s2/backups")).willReturn(ok(failed)));
    final String message = failure("",
        "INSERT /*+ AWAIT */ INTO relay.core.backups (serverName) VALUES ('s2')");
    assertTrue(message.contains("the asynchronous operation operations/op-8 ended failed: disk full"), message);
  }

  @Test void anOperationAtAnotherOriginIsNotPolledAndGetsNoCredentials() throws SQLException {
    elsewhere.stubFor(get(anyUrl()).willReturn(ok("{\"status\": \"Succeeded\"}")));
    api.stubFor(post(urlPathEqualTo("/v1/servers/s1/restart")).willReturn(aResponse().withStatus(202)
        .withHeader("Azure-AsyncOperation", "http://127.0.0.1:" + elsewhere.getPort() + "/operations/1")));
    final String message = failure("", "EXEC /*+ AWAIT */ relay.core.servers.restart @serverName = 's1'");
    assertTrue(message.contains("is at another origin"), message);
    assertTrue(message.contains("it was not polled"), message);
    elsewhere.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test void anUnknownHintOnAMutationIsAClearError() throws SQLException {
    final String message = failure("", "DELETE /*+ WAIT */ FROM relay.core.servers WHERE serverName = 's1'");
    assertEquals("unknown hint WAIT: DELETE accepts /*+ AWAIT */ and /*+ ALLOW_SECRET_SOURCES */", message.replaceFirst("^.*?: ?unknown", "unknown"));
    assertEquals(0, api.getAllServeEvents().size());
  }

  /** Answers {@code bodies} to successive GETs of {@code path}, the last one from then on. */
  private static void inSequence(String path, String... bodies) {
    for (int i = 0; i < bodies.length; i++) {
      final String state = i == 0 ? Scenario.STARTED : "poll-" + i;
      final var stub = get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
          .willReturn(ok(bodies[i]).withHeader("Retry-After", "0"));
      api.stubFor(i + 1 < bodies.length ? stub.willSetStateTo("poll-" + (i + 1)) : stub);
    }
  }
}
