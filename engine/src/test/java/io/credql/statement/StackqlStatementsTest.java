package io.credql.statement;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.AcmeApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.credql.jdbc.QueryRows.labels;
import static io.credql.jdbc.QueryRows.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackQL's statements (SHOW, DESCRIBE, EXEC) and resource DML, through JDBC. */
class StackqlStatementsTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @BeforeEach void stubs() {
    api.stubFor(post(urlPathMatching("/v1/things/[0-9]+/secret/rotate"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"username\":\"root\",\"password\":\"s3cret-pw\"}")));
    api.stubFor(post(urlPathMatching("/v1/things/[0-9]+/tokens"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"token\":\"tok-abc-123\",\"expire_time\":\"2026-11-23T18:00:00Z\"}")));
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(202)));
    api.stubFor(delete(urlPathMatching("/v1/widgets/.*")).willReturn(aResponse().withStatus(200)));
    api.stubFor(get(urlPathEqualTo("/v1/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"name\":\"w1\",\"size\":1},{\"name\":\"w2\",\"size\":2}]")));
  }

  private static Connection connect(String extra) throws SQLException {
    return AcmeApi.connect(api, extra);
  }

  private static List<List<String>> query(String sql) throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  @Test void showProvidersServicesResourcesAndMethodsUseStackqlsColumns() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW PROVIDERS")) {
        assertEquals(List.of("name", "version"), labels(rs));
        assertTrue(rows(rs).contains(List.of("acme", "v1")));
      }
      try (ResultSet rs = s.executeQuery("SHOW SERVICES IN acme")) {
        assertEquals(List.of("id", "name", "title"), labels(rs));
        assertEquals(List.of(List.of("things:v1", "things", "Things API")), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("SHOW RESOURCES IN acme.things")) {
        assertEquals(List.of("name", "id"), labels(rs));
        assertTrue(rows(rs).contains(List.of("thing_secrets", "acme.things.thing_secrets")));
      }
      try (ResultSet rs = s.executeQuery("SHOW METHODS IN acme.things.thing_secrets")) {
        assertEquals(List.of("MethodName", "RequiredParams", "SQLVerb"), labels(rs));
        assertEquals(List.of(List.of("getThingSecret", "thingId", "SELECT"),
            List.of("rotateThingSecret", "thingId", "EXEC"),
            List.of("_getThingSecret", "thingId", "EXEC")), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("SHOW EXTENDED RESOURCES IN acme.things LIKE 'thing%'")) {
        assertEquals(List.of("name", "id", "description"), labels(rs));
        final List<List<String>> rows = rows(rs);
        assertEquals(3, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get(0).startsWith("thing")));
      }
    }
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void showWithoutItsScopeSaysWhatToWrite() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SHOW METHODS"));
      assertTrue(e.getMessage().contains("SHOW METHODS needs IN <provider.service.resource>"), e.getMessage());
      final SQLException unknown = assertThrows(SQLException.class,
          () -> s.executeQuery("SHOW RESOURCES IN acme.nothing"));
      assertTrue(unknown.getMessage().contains("no service called nothing in acme; services: things"),
          unknown.getMessage());
    }
  }

  @Test void describeListsColumnsAndDescribeMethodListsInputsAndOutputs() throws SQLException {
    assertEquals(List.of(List.of("username", "string"), List.of("password", "string"),
        List.of("thingId", "integer")), query("DESCRIBE acme.things.thing_secrets"));
    try (Connection c = connect(""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("DESCRIBE EXTENDED acme.things.things")) {
      assertEquals(List.of("name", "type", "description"), labels(rs));
      assertTrue(rows(rs).contains(java.util.Arrays.asList("id", "integer", "The thing's id.")));
    }
    final List<List<String>> method = query("DESCRIBE METHOD acme.things.thing_tokens.generate");
    assertEquals(List.of("thingId", "integer", "input_required"), method.get(0).subList(0, 3));
    assertEquals(List.of("ttl", "string", "input_required"), method.get(1).subList(0, 3));
    assertTrue(method.contains(java.util.Arrays.asList("scopes", "array", "input_optional",
        "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")));
    assertTrue(method.contains(java.util.Arrays.asList("token", "string", "output", null)));
  }

  @Test void execOfAMutationWithoutResponseFieldsReturnsAStatusRow() throws SQLException {
    assertEquals(List.of(List.of("The operation was despatched successfully")),
        query("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42"));
    assertEquals(1, api.countRequestsMatching(
        postRequestedFor(urlPathEqualTo("/v1/things/42/secret/rotate")).build()).getCount());
  }

  @Test void execWithAJsonBodyReturnsTheResponseFields() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC /*+ SHOWRESULTS */ acme.things.thing_tokens.generate "
             + "@thingId = 7 @@json = '{\"ttl\": \"900s\", \"scopes\": [\"read\"]}'")) {
      assertEquals(List.of("token", "expire_time"), labels(rs));
      assertEquals(List.of(List.of("tok-abc-123", "2026-11-23T18:00:00Z")), rows(rs));
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/things/7/tokens"))
        .withRequestBody(equalToJson("{\"ttl\": \"900s\", \"scopes\": [\"read\"]}")));
  }

  @Test void jsonValuesWrittenAsTextInTheBodyAreTakenAsJson() throws SQLException {
    query("EXEC acme.things.thing_tokens.generate @thingId = 7 "
        + "@@json = '{\"ttl\": \"300s\", \"scopes\": \"[\\\"read\\\"]\"}'");
    api.verify(postRequestedFor(urlPathEqualTo("/v1/things/7/tokens"))
        .withRequestBody(equalToJson("{\"ttl\": \"300s\", \"scopes\": [\"read\"]}")));
    query("EXEC acme.things.thing_tokens.generate @thingId = 8 @@json = '{\"ttl\": \"300s\", \"scopes\": \"\"}'");
    api.verify(postRequestedFor(urlPathEqualTo("/v1/things/8/tokens"))
        .withRequestBody(equalToJson("{\"ttl\": \"300s\"}")));
  }

  @Test void aRequiredBodyFieldMayComeAsAnAtParameter() throws SQLException {
    query("EXEC acme.things.thing_tokens.generate @thingId = 7, @ttl = '300s', @count = '3'");
    api.verify(postRequestedFor(urlPathEqualTo("/v1/things/7/tokens"))
        .withRequestBody(equalToJson("{\"ttl\": \"300s\", \"count\": 3}")));
  }

  @Test void everyProblemOfAnExecIsReportedTogetherAndNothingIsSent() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "EXEC acme.things.thing_tokens.generate @@json = '{\"scopes\": \"read\", \"colour\": 1}'"));
      final String message = e.getMessage();
      assertTrue(message.contains("missing required parameters @thingId"), message);
      assertTrue(message.contains("@ttl (a body field"), message);
      assertTrue(message.contains("scopes must be an array, not a string"), message);
      assertTrue(message.contains("unknown field colour"), message);
      assertTrue(message.contains("nothing was sent"), message);
      final SQLException unknown = assertThrows(SQLException.class, () -> s.executeQuery(
          "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1, @colour = 'red'"));
      assertTrue(unknown.getMessage().contains("unknown parameter @colour"), unknown.getMessage());
      final SQLException twice = assertThrows(SQLException.class, () -> s.executeQuery(
          "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1, @thingid = 2"));
      assertTrue(twice.getMessage().contains("@thingid is given more than once"), twice.getMessage());
      final SQLException badJson = assertThrows(SQLException.class, () -> s.executeQuery(
          "EXEC acme.things.thing_tokens.generate @thingId = 1 @@json = '{not json'"));
      assertTrue(badJson.getMessage().contains("@@json is not valid JSON"), badJson.getMessage());
    }
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void theRawTwinOfASelectMethodReturnsTheResponse() throws SQLException {
    assertEquals(List.of(List.of("root", "s3cret-pw")),
        query("EXEC acme.things.thing_secrets._getThingSecret @thingId = 3"));
  }

  @Test void execTakesQuestionMarksThroughAPreparedStatement() throws SQLException {
    try (Connection c = connect("");
         PreparedStatement ps = c.prepareStatement(
             "EXEC acme.things.thing_tokens.generate @thingId = ?, @@json = ?")) {
      ps.setInt(1, 9);
      ps.setString(2, "{\"ttl\": \"600s\"}");
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals("tok-abc-123", rows(rs).get(0).get(0));
      }
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/things/9/tokens"))
        .withRequestBody(equalToJson("{\"ttl\": \"600s\"}")));
  }

  @Test void selectOnAnExecOnlyResourceSaysToUseShowMethods() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM acme.things.thing_tokens WHERE thingId = 1"));
      assertEquals("SELECT not supported for this resource, use SHOW METHODS to view available "
          + "operations for the resource", e.getMessage());
    }
  }

  @Test void insertMakesOneCallPerRowAndCountsThem() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate(
          "INSERT INTO acme.things.widgets (name, size) VALUES ('w3', 3), ('w4', 4)"));
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/widgets"))
        .withRequestBody(equalToJson("{\"name\": \"w3\", \"size\": 3}")));
    api.verify(postRequestedFor(urlPathEqualTo("/v1/widgets"))
        .withRequestBody(equalToJson("{\"name\": \"w4\", \"size\": 4}")));
  }

  @Test void insertFromASelectCallsOncePerSelectedRow() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("INSERT INTO acme.things.widgets (name, size) "
          + "SELECT name || '-copy', size FROM acme.things.widgets"));
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/widgets"))
        .withRequestBody(equalToJson("{\"name\": \"w1-copy\", \"size\": 1}")));
  }

  @Test void deleteWithAnInListDeletesEach() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("DELETE FROM acme.things.widgets WHERE name IN ('w1', 'w2')"));
      final SQLException missing = assertThrows(SQLException.class,
          () -> s.executeUpdate("DELETE FROM acme.things.widgets"));
      assertTrue(missing.getMessage().contains("method delete needs name"), missing.getMessage());
      final SQLException badRow = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO acme.things.widgets (name, size) VALUES ('ok', 1), ('bad', 'big')"));
      assertTrue(badRow.getMessage().contains("size must be an integer"), badRow.getMessage());
    }
    assertEquals(1, api.countRequestsMatching(deleteRequestedFor(urlPathEqualTo("/v1/widgets/w1")).build()).getCount());
    assertEquals(0, api.countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/widgets")).build()).getCount());
  }

  @Test void aDryRunShowsEachRequestWithSecretsMaskedAndSendsNothing() throws SQLException {
    try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "EXEC acme.things.thing_tokens.generate @thingId = 5 @@json = '{\"ttl\": \"900s\"}'")) {
        assertEquals(List.of("method", "url", "body"), labels(rs));
        final List<String> row = rows(rs).get(0);
        assertEquals("POST", row.get(0));
        assertEquals(AcmeApi.base(api) + "/v1/things/5/tokens", row.get(1));
        assertEquals("{\"ttl\":\"900s\"}", row.get(2));
      }
      try (ResultSet rs = s.executeQuery(
          "INSERT INTO acme.things.widgets (name, size) VALUES ('a', 1), ('b', 2)")) {
        assertEquals(2, rows(rs).size());
      }
      try (ResultSet rs = s.executeQuery("DELETE FROM acme.things.widgets WHERE name = 'a'")) {
        assertEquals("DELETE", rows(rs).get(0).get(0));
      }
      try (ResultSet rs = s.executeQuery("SELECT password FROM acme.things.thing_secrets WHERE thingId = 1")) {
        assertEquals("s3cret-pw", rows(rs).get(0).get(0));
      }
    }
    assertEquals(1, api.getAllServeEvents().size(), "only the SELECT was sent");
  }

  @Test void aDryRunMasksSecretFieldsOfTheBody() throws SQLException {
    try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "INSERT INTO acme.things.widgets (name, password) VALUES ('w9', 'hunter2-Secret!')")) {
      final String body = rows(rs).get(0).get(2);
      assertEquals("{\"name\":\"w9\",\"password\":\"********\"}", body);
      assertFalse(body.contains("hunter2"));
    }
    assertEquals(0, api.getAllServeEvents().size());
  }
}
