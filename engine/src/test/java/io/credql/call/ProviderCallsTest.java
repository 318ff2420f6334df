package io.credql.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.credql.error.MissingCredentialException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How calls behave when providers misbehave: retries for reads only, errors that explain. */
class ProviderCallsTest {
  private static final String SECRET_PATH = "/v1/things/1/secret";
  private static final String OK_BODY = "{\"username\":\"root\",\"password\":\"pw\"}";
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
  }

  @AfterAll static void stop() {
    api.stop();
  }

  @BeforeEach void reset() {
    api.resetAll();
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.port() + "/v1" + extra);
  }

  private static String password(String extra) throws SQLException {
    try (Connection c = connect(extra); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT password FROM acme.things.thing_secrets WHERE thingId = 1")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static void failThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).inScenario("flaky")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(failure).willSetStateTo("recovered"));
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).inScenario("flaky")
        .whenScenarioStateIs("recovered")
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OK_BODY)));
  }

  @Test void aReadIsRetriedAfterAServiceUnavailable() throws SQLException {
    failThenSucceed(aResponse().withStatus(503));
    assertEquals("pw", password(""));
    assertEquals(2, api.countRequestsMatching(getRequestedFor(urlPathEqualTo(SECRET_PATH)).build()).getCount());
  }

  @Test void aReadIsRetriedAfterAConnectionReset() throws SQLException {
    failThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertEquals("pw", password(""));
  }

  @Test void aMutationIsNeverRetried() throws SQLException {
    api.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1"));
      // a 500 may follow the change being applied: its outcome is unknown, and it is not re-sent
      assertInstanceOf(OutcomeUnknownException.class, e);
      assertEquals(500, e.getErrorCode());
    }
    assertEquals(1, api.countRequestsMatching(postRequestedFor(anyUrl()).build()).getCount());
  }

  @Test void aGatewayErrorAnsweringAMutationIsAnUnknownOutcomeWithTheSelectThatChecksIt() throws SQLException {
    for (int status : new int[] {502, 503, 504}) {
      api.resetAll();
      api.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)));
      try (Connection c = connect(""); Statement s = c.createStatement()) {
        final SQLException e = assertThrows(SQLException.class,
            () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1"));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertTrue(e.getMessage().contains("outcome unknown: a gateway answered HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains("SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."),
            e.getMessage());
      }
      assertEquals(1, api.countRequestsMatching(postRequestedFor(anyUrl()).build()).getCount());
    }
  }

  @Test void aMutationWhoseConnectionDropsIsReportedAsOutcomeUnknownAndNotResent() throws SQLException {
    api.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1"));
      assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
      assertTrue(e.getMessage().contains("SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."),
          e.getMessage());
    }
    assertEquals(1, api.countRequestsMatching(postRequestedFor(anyUrl()).build()).getCount());
  }

  @Test void providerErrorsCarryStatusMethodAndEveryReasonWithItsField() throws SQLException {
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\":[{\"reason\":\"Database is not active\"},"
            + "{\"reason\":\"must be a valid value\",\"field\":\"label\"}]}")));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> password(""));
    assertEquals(400, e.httpStatus());
    assertEquals("acme.things.thing_secrets.getThingSecret", e.method());
    assertTrue(e.getMessage().startsWith("acme.things.thing_secrets.getThingSecret: HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains("Database is not active; must be a valid value (field: label)"),
        e.getMessage());
  }

  @Test void codeAndMessageShapedErrorsKeepTheProvidersCode() throws SQLException {
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error_code\":\"DBS.200086\",\"error_msg\":\"This operation is not allowed by the DB instance status.\"}")));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> password(""));
    assertEquals("DBS.200086", e.providerCode());
    assertTrue(e.getMessage().contains("[DBS.200086] This operation is not allowed"), e.getMessage());
  }

  @Test void malformedJsonAndWrongContentTypesAreErrorsNotEmptyResults() {
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"username\": \"ro")));
    final ProviderResponseException truncated = assertThrows(ProviderResponseException.class, () -> password(""));
    assertTrue(truncated.getMessage().contains("not valid JSON"), truncated.getMessage());
    api.stubFor(get(urlPathEqualTo(SECRET_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>")));
    final ProviderResponseException html = assertThrows(ProviderResponseException.class, () -> password(""));
    assertTrue(html.getMessage().contains("text/html instead of JSON"), html.getMessage());
  }

  @Test void aMissingCredentialNamesTheVariableAndSendsNothing() {
    final MissingCredentialException e = assertThrows(MissingCredentialException.class,
        () -> password(";auth={\"acme\":{\"type\":\"bearer\",\"credentialsenvvar\":\"CREDQL_NOT_SET\"}}"));
    assertTrue(e.getMessage().contains("CREDQL_NOT_SET"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void authSettingsMustNameVariablesNotHoldSecrets() {
    final SQLException e = assertThrows(SQLException.class,
        () -> connect(";auth={\"acme\":{\"type\":\"bearer\",\"credentialsenvvar\":\"ghp_s3cr3t-value!\"}}"));
    assertTrue(e.getMessage().contains("must be the name of an environment variable"), e.getMessage());
    assertFalse(e.getMessage().contains("ghp_s3cr3t-value!"), e.getMessage());
  }

  @Test void pathValuesCannotLeaveTheirSegment() throws SQLException {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"username\":\"u\"}")));
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      final SQLException dots = assertThrows(SQLException.class, () -> s.executeQuery(
          "EXEC acme.things.thing_secrets._getThingSecret @thingId = '..'"));
      assertTrue(dots.getMessage().contains("must be an integer"), dots.getMessage());
      final SQLException traversal = assertThrows(SQLException.class, () -> s.executeUpdate(
          "DELETE FROM acme.things.widgets WHERE name = '..'"));
      assertTrue(traversal.getMessage().contains("may not be empty, '.' or '..'"), traversal.getMessage());
      assertEquals(0, api.getAllServeEvents().size());
      api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(anyUrl())
          .willReturn(aResponse().withStatus(200)));
      s.executeUpdate("DELETE FROM acme.things.widgets WHERE name = 'a/../b?c=d#e%2F'");
    }
    assertEquals("/v1/widgets/a%2F..%2Fb%3Fc=d%23e%252F", api.getAllServeEvents().get(0).getRequest().getUrl());
  }

  @Test void plainHttpIsRefusedExceptTowardsLoopback() throws SQLException {
    for (String host : new String[] {"example.com", "127.attacker.example:" + api.port(),
        "127.0.0.1.nip.io:" + api.port()}) {
      try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
          + Paths.get("src/test/resources/providers").toAbsolutePath()
          + ";baseUrl.acme=http://" + host + "/v1"); Statement s = c.createStatement()) {
        final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
            "SELECT password FROM acme.things.thing_secrets WHERE thingId = 1"));
        assertTrue(e.getMessage().contains("only https is used"), e.getMessage());
      }
    }
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aServerWhoseCertificateIsNotTrustedIsNeverReadNorWrittenTo() throws SQLException {
    final WireMockServer untrusted = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort()
        .bindAddress("127.0.0.1"));
    untrusted.start();
    try {
      untrusted.stubFor(any(anyUrl()).willReturn(aResponse()
          .withHeader("Content-Type", "application/json").withBody(OK_BODY)));
      try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
          + Paths.get("src/test/resources/providers").toAbsolutePath()
          + ";baseUrl.acme=https://127.0.0.1:" + untrusted.httpsPort() + "/v1"); Statement s = c.createStatement()) {
        final SQLException read = assertThrows(SQLException.class, () -> s.executeQuery(
            "SELECT password FROM acme.things.thing_secrets WHERE thingId = 1"));
        assertTrue(read.getMessage().contains("certificate"), read.getMessage());
        final SQLException write = assertThrows(SQLException.class, () -> s.executeQuery(
            "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1"));
        assertTrue(write.getMessage().contains("certificate"), write.getMessage());
        assertTrue(write.getMessage().contains("was not sent"), write.getMessage());
      }
      assertEquals(0, untrusted.getAllServeEvents().size(), "no request got through the TLS handshake");
    } finally {
      untrusted.stop();
    }
  }
}
