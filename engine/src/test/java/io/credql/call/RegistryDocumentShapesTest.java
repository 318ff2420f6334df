package io.credql.call;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements from StackQL's reference pages work on the shapes its registry documents have, found
 * by sweeping them: {@code oneOf} items, required {@code readOnly} fields, dotted host variables
 * the document offers, HEAD answers without a body, path names spelt two ways, an INSERT method
 * listed after one that takes fewer columns, request bodies written by Go templates, and GET
 * methods with a body or request transforms credql cannot apply, which fail with a clear error.
 */
class RegistryDocumentShapesTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void answerEverything() {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[{\"login\": \"ada\"}]")));
  }

  private static Connection connect() throws SQLException {
    return TestProviders.in("quirk-providers").calling("quirkco", AcmeApi.base(api)).connect();
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static LoggedRequest onlyRequest() {
    assertEquals(1, api.getAllServeEvents().size());
    return api.getAllServeEvents().get(0).getRequest();
  }

  @Test void anItemFittingOneOfItsAlternativesIsSent() throws SQLException {
    execute("INSERT INTO quirkco.teams.teams (site, name, rules) VALUES ('quirk.test', 'db', '[{\"kind\": \"label\", \"value\": \"x\"}]')");
    assertTrue(onlyRequest().getBodyAsString().contains("\"kind\":\"label\""), onlyRequest().getBodyAsString());
  }

  @Test void anArrayWhoseItemsHaveAnEmptySchemaTakesItemsOfAnyKind() throws SQLException {
    // JSON Schema's {} allows anything: Google's firewall rules write allowed[].ports so
    execute("INSERT INTO quirkco.teams.teams (site, name, labels) VALUES ('quirk.test', 'db', '[1, \"a\", {\"b\": true}]')");
    assertTrue(onlyRequest().getBodyAsString().contains("[1,\"a\",{\"b\":true}]"), onlyRequest().getBodyAsString());
  }

  @Test void anItemFittingNoAlternativeIsRefusedBeforeAnythingIsSent() {
    final SQLException e = assertThrows(SQLException.class, () -> execute(
        "INSERT INTO quirkco.teams.teams (site, name, rules) VALUES ('quirk.test', 'db', '[{\"kind\": \"label\", \"value\": 5}]')"));
    assertTrue(e.getMessage().contains("rules[0]"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aRequiredReadOnlyFieldIsNotAskedOfTheUser() throws SQLException {
    execute("INSERT INTO quirkco.teams.teams (site, name, owner) VALUES ('quirk.test', 'db', '{\"id\": \"u1\"}')");
    assertTrue(onlyRequest().getBodyAsString().contains("\"owner\":{\"id\":\"u1\"}"), onlyRequest().getBodyAsString());
    final SQLException e = assertThrows(SQLException.class,
        () -> execute("INSERT INTO quirkco.teams.teams (site, name, owner) VALUES ('quirk.test', 'db', '{}')"));
    assertTrue(e.getMessage().contains("missing required field owner.id;"), e.getMessage());
    assertTrue(!e.getMessage().contains("owner.link"), e.getMessage());
  }

  @Test void aHostVariableTakesTheDottedValuesItsDocumentOffersAndNoOthers() throws SQLException {
    final List<String> logins = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT login FROM quirkco.teams.members WHERE \"team-slug\" = 'core' AND site = 'eu.quirk.test'")) {
      while (rs.next()) {
        logins.add(rs.getString(1));
      }
    }
    assertEquals(List.of("ada"), logins);
    final SQLException e = assertThrows(SQLException.class, () -> execute(
        "SELECT login FROM quirkco.teams.members WHERE \"team-slug\" = 'core' AND site = 'evil.test:8080'"));
    assertTrue(e.getMessage().contains("site of quirkco.teams.members.list must be one of quirk.test,"
        + " eu.quirk.test, not 'evil.test:8080'"), e.getMessage());
  }

  @Test void aPathParameterSpeltWithHyphensFillsItsUnderscoredPlace() throws SQLException {
    execute("SELECT login FROM quirkco.teams.members WHERE \"team-slug\" = 'core' AND site = 'quirk.test'");
    assertEquals("/teams/core/members", onlyRequest().getUrl());
  }

  @Test void anInsertCallsTheFirstMethodTakingAllItsColumns() throws SQLException {
    execute("INSERT INTO quirkco.teams.teams (site, id) VALUES ('quirk.test', 't1')");
    assertEquals("/teams/sync?id=t1", onlyRequest().getUrl());
    api.resetRequests();
    execute("INSERT INTO quirkco.teams.teams (site, name) VALUES ('quirk.test', 'db')");
    assertEquals("/teams", onlyRequest().getUrl());
  }

  @Test void aRequestTemplateWritesTheBodyLeavingOutWhatGoLeavesOut() throws SQLException {
    execute("INSERT INTO quirkco.teams.records (site, name, proxied, settings)"
        + " VALUES ('quirk.test', 'www', false, '{\"ttl\": 60}')");
    // the space before the closing brace is the template's own: its last {{ end }} trims nothing
    assertEquals("{\"name\": \"www\",\"settings\": {\"ttl\":60} }", onlyRequest().getBodyAsString());
  }

  @Test void aTemplatedBodyThatIsNotJsonIsRefusedWithoutQuotingTheValueThatBrokeIt() {
    final SQLException e = assertThrows(SQLException.class,
        () -> execute("INSERT INTO quirkco.teams.records (site, name, rule)"
            + " VALUES ('quirk.test', 'www', 'LeakS3cret')"));
    assertTrue(e.getMessage().contains("wrote a body that is not JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("LeakS3cret"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aRequestTransformCredqlCannotApplyIsRefusedBeforeAnythingIsSent() {
    final SQLException e = assertThrows(SQLException.class,
        () -> execute("EXEC quirkco.teams.records.import @name = 'www', @site = 'quirk.test'"));
    assertTrue(e.getMessage().contains("quirkco.teams.records.import cannot be called: its request transform"
        + " 'jq_v1' is not supported by credql"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aHeadAnswerWithoutABodyIsNoError() throws SQLException {
    api.resetAll();
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
    execute("EXEC quirkco.teams.teams.exists @name = 'db', @site = 'quirk.test'");
    assertEquals("HEAD", onlyRequest().getMethod().getName());
  }

  @Test void aGetWithABodyIsSentWithItsBodyAsTheDocumentSays() throws SQLException {
    execute("EXEC quirkco.teams.teams.search @query = 'db', @site = 'quirk.test'");
    assertEquals("GET", onlyRequest().getMethod().getName());
    assertEquals("{\"query\":\"db\"}", onlyRequest().getBodyAsString());
  }
}
