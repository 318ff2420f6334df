package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import io.credql.AcmeApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutations are checked against provider rules, audited before and after, and take secrets by name. */
class MutationSafetyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @TempDir Path dir;

  @BeforeEach void stubs() {
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(202)));
    api.stubFor(get(urlPathEqualTo("/v1/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("[{\"name\":\"w1\",\"size\":1}]")));
  }

  private Connection connect(String extra) throws SQLException {
    return AcmeApi.connect(api, ";auditLog=" + dir.resolve("audit.jsonl") + extra);
  }

  private List<JsonNode> audit() throws IOException {
    final List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("audit.jsonl"))) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  @Test void providerRulesAreCheckedBeforeSendingAndEveryViolationIsNamed() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO acme.things.widgets (name) VALUES ('bad-w1')"));
      assertTrue(e.getMessage().contains("a widget name may not start with bad-"), e.getMessage());
      final SQLException exists = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO acme.things.widgets (name) VALUES ('w1')"));
      assertTrue(exists.getMessage().contains("widget w1 exists already"), exists.getMessage());
      assertTrue(exists.getMessage().contains("nothing was sent"), exists.getMessage());
    }
    assertEquals(0, api.countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/widgets")).build()).getCount());
  }

  @Test void everyMutationIsAuditedBeforeAndAfterWithoutItsSecrets() throws SQLException, IOException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO acme.things.widgets (name, password) VALUES ('w2', 'Sup3r-Secret!')");
    }
    final List<JsonNode> records = audit();
    assertEquals(2, records.size());
    assertEquals("intent", records.get(0).get("event").asText());
    assertEquals("acme.things.widgets", records.get(0).get("resource").asText());
    assertEquals("create", records.get(0).get("method").asText());
    assertEquals("POST", records.get(0).get("http_method").asText());
    assertEquals("outcome", records.get(1).get("event").asText());
    assertEquals("ok", records.get(1).get("outcome").asText());
    assertEquals(202, records.get(1).get("http_status").asInt());
    assertEquals(records.get(0).get("id"), records.get(1).get("id"));
    final String text = Files.readString(dir.resolve("audit.jsonl"));
    assertFalse(text.contains("Sup3r-Secret!"), text);
  }

  @Test void aMutationWithAnUnknownOutcomeIsAuditedAsUnknown() throws SQLException, IOException {
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO acme.things.widgets (name) VALUES ('w3')"));
    }
    assertEquals("unknown", audit().get(1).get("outcome").asText());
  }

  @Test void aMutationAnsweredByAGatewayTimeoutIsAuditedAsUnknown() throws SQLException, IOException {
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(504)));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO acme.things.widgets (name) VALUES ('w3')"));
      assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
    }
    assertEquals("unknown", audit().get(1).get("outcome").asText());
  }

  @Test void aChangeAnsweredByAnInternalServerErrorMayHaveBeenAppliedAndIsAuditedAsUnknown()
      throws SQLException, IOException {
    // a 500 says the server failed, not when: it may have stored the widget before it did
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"database hiccup\"}")));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO acme.things.widgets (name) VALUES ('w3')"));
      assertTrue(e.getMessage().contains("outcome unknown: acme answered HTTP 500 (database hiccup), a server error"
          + " that does not say whether the change was applied"), e.getMessage());
      assertTrue(e.getMessage().contains("It was not re-sent. Check whether it took effect before trying again,"
          + " e.g. with SELECT"), e.getMessage());
    }
    final JsonNode outcome = audit().get(1);
    assertEquals("unknown", outcome.get("outcome").asText());
    assertEquals(500, outcome.get("http_status").asInt());
    assertEquals(1, api.findAll(postRequestedFor(urlPathEqualTo("/v1/widgets"))).size(), "not re-sent");
  }

  @Test void aChangeRefusedWithAClientErrorWasNotAppliedAndIsAuditedAsFailed() throws SQLException, IOException {
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"name taken\"}")));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO acme.things.widgets (name) VALUES ('w3')"));
      assertTrue(e.getMessage().contains("HTTP 409") && e.getMessage().contains("name taken"), e.getMessage());
      assertFalse(e.getMessage().contains("outcome unknown"), e.getMessage());
    }
    assertEquals("failed", audit().get(1).get("outcome").asText());
    assertEquals(409, audit().get(1).get("http_status").asInt());
  }

  @Test void aMutationAnsweredBySeeOtherIsAuditedAsUnknownNotFailed() throws SQLException, IOException {
    // a 303 is how many servers say "done, look there": the change may well have taken effect
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(303)
        .withHeader("Location", "/v1/widgets/w3")));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO acme.things.widgets (name) VALUES ('w3')"));
      assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
    }
    assertEquals("unknown", audit().get(1).get("outcome").asText());
    assertEquals(1, api.findAll(postRequestedFor(urlPathEqualTo("/v1/widgets"))).size(), "not re-sent");
    assertEquals(0, api.findAll(getRequestedFor(urlPathEqualTo("/v1/widgets/w3"))).size(), "not followed");
  }

  @Test void aProviderErrorThatEchoesTheSecretsItWasSentMasksThem() throws SQLException, IOException {
    api.stubFor(post(urlPathEqualTo("/v1/widgets")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"password Echo-Secret-4 is too weak for token engine-test-token\"}")));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO acme.things.widgets (name, password) VALUES ('w3', 'Echo-Secret-4')"));
      assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
      assertTrue(e.getMessage().contains("is too weak"), e.getMessage());
      assertFalse(e.getMessage().contains("Echo-Secret-4"), e.getMessage());
      assertFalse(e.getMessage().contains("engine-test-token"), e.getMessage());
    }
    final String log = Files.readString(dir.resolve("audit.jsonl"));
    assertFalse(log.contains("Echo-Secret-4") || log.contains("engine-test-token"), log);
  }

  @Test void secretsCanComeFromFilesInsteadOfTheStatement() throws SQLException, IOException {
    final Path secret = dir.resolve("pw.txt");
    Files.writeString(secret, "From-A-File-9\n");
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO acme.things.widgets (name, password) VALUES ('w4', file('" + secret + "'))");
      final SQLException missing = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO acme.things.widgets (name, password) VALUES ('w5', env('CREDQL_NO_SUCH_VARIABLE'))"));
      assertTrue(missing.getMessage().contains("environment variable CREDQL_NO_SUCH_VARIABLE is not set"),
          missing.getMessage());
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/widgets"))
        .withRequestBody(equalToJson("{\"name\": \"w4\", \"password\": \"From-A-File-9\"}")));
    assertFalse(Files.readString(dir.resolve("audit.jsonl")).contains("From-A-File-9"));
  }

  @Test void secretsCanComeFromTheEnvironment() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO acme.things.widgets (name, password) VALUES ('w6', env('CREDQL_TEST_TOKEN'))");
    }
    api.verify(postRequestedFor(urlPathEqualTo("/v1/widgets"))
        .withRequestBody(equalToJson("{\"name\": \"w6\", \"password\": \"engine-test-token\"}")));
  }
}
