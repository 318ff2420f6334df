package io.credql.jdbc;

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
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SELECT over a provider described only by its documents, against stubbed HTTP. */
class ResourceSelectTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @BeforeEach void stubs() {
    for (int page = 1; page <= 3; page++) {
      final StringBuilder items = new StringBuilder();
      for (int i = 1; i <= 5; i++) {
        final int id = (page - 1) * 5 + i;
        items.append(i > 1 ? "," : "").append("{\"id\":").append(id).append(",\"label\":\"thing-")
            .append(id).append("\",\"weight\":1.5,\"active\":true,\"tags\":[\"a\"]}");
      }
      api.stubFor(get(urlPathEqualTo("/v1/things"))
          .withQueryParam("page", page == 1 ? absent() : equalTo(Integer.toString(page)))
          .withHeader("Authorization", equalTo("Bearer engine-test-token"))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withBody("{\"data\":[" + items + "],\"page\":" + page + ",\"pages\":3,\"results\":15}")));
    }
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"username\":\"root\",\"password\":\"pw-of-{{request.pathSegments.[2]}}\"}")
            .withTransformers("response-template")));
    api.stubFor(get(urlPathEqualTo("/v1/things/7"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"id\":7,\"label\":\"seven\"}")));
    api.stubFor(get(urlPathEqualTo("/v1/things/404"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"errors\":[{\"reason\":\"Not found\"}]}")));
  }

  private static Connection connect() throws SQLException {
    return AcmeApi.connect(api, "");
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    final List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(name));
    }
    return values;
  }

  @Test void aListingAcrossThreePagesReturnsEveryRowOnce() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, label FROM acme.things.things")) {
      final List<String> ids = column(rs, "id");
      assertEquals(15, ids.size());
      assertEquals(15, ids.stream().distinct().count());
    }
    assertEquals(3, api.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/things")).build()).getCount());
  }

  @Test void limitStopsPagingAfterTheFirstPage() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM acme.things.things LIMIT 5")) {
      assertEquals(5, column(rs, "id").size());
    }
    assertEquals(1, api.getAllServeEvents().size());
  }

  @Test void anEqualityOnTheIdChoosesTheGetMethod() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, label FROM acme.things.things WHERE thingId = 7")) {
      assertTrue(rs.next());
      assertEquals("seven", rs.getString("label"));
      assertEquals(7L, rs.getLong("id"));
    }
  }

  @Test void credentialsComeBackWithTheirParameterEchoed() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT thingId, username, password FROM acme.things.thing_secrets WHERE thingId = 12")) {
      assertTrue(rs.next());
      assertEquals(12L, rs.getLong("thingId"));
      assertEquals("pw-of-12", rs.getString("password"));
    }
  }

  @Test void anInListMakesOneCallPerValue() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT thingId, password FROM acme.things.thing_secrets WHERE thingId IN (1, 2, 3)")) {
      assertEquals(List.of("pw-of-1", "pw-of-2", "pw-of-3"), column(rs, "password"));
    }
    assertEquals(3, api.getAllServeEvents().size());
  }

  @Test void aPreparedStatementParameterBindsTheRequiredParameter() throws SQLException {
    try (Connection c = connect();
         PreparedStatement ps = c.prepareStatement(
             "SELECT password FROM acme.things.thing_secrets WHERE thingId = ?")) {
      ps.setInt(1, 5);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("pw-of-5"), column(rs, "password"));
      }
      ps.setLong(1, 6);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("pw-of-6"), column(rs, "password"));
      }
    }
  }

  @Test void aConstantExpressionBindsTheRequiredParameter() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT password FROM acme.things.thing_secrets WHERE thingId = 40 + 2")) {
      assertEquals(List.of("pw-of-42"), column(rs, "password"));
    }
  }

  @Test void aMissingParameterIsAnErrorNamingItNeverAnEmptyResult() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT password FROM acme.things.thing_secrets"));
      assertTrue(e.getMessage().contains("acme.things.thing_secrets"), e.getMessage());
      assertTrue(e.getMessage().contains("thingId"), e.getMessage());
      assertTrue(e.getMessage().contains("SHOW METHODS IN acme.things.thing_secrets"), e.getMessage());
    }
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aGetThatFindsNothingReturnsNoRows() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT label FROM acme.things.things WHERE id = 404")) {
      assertEquals(List.of(), column(rs, "label"));
    }
  }

  @Test void anOptionalParameterInWhereIsSentAndEchoed() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, page_size FROM acme.things.things WHERE page_size = 5 LIMIT 2")) {
      assertTrue(rs.next());
      assertEquals(5L, rs.getLong("page_size"));
    }
    api.verify(getRequestedFor(urlPathEqualTo("/v1/things")).withQueryParam("page_size", equalTo("5")));
  }

  @Test void aValueOfTheWrongTypeNamesTheParameter() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery(
            "SELECT password FROM acme.things.thing_secrets WHERE thingId = 'abc'")) {
          rs.next();
        }
      });
      assertTrue(e.getMessage().contains("thingId of acme.things.thing_secrets.getThingSecret must be an integer, not 'abc'"),
          e.getMessage());
    }
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void identifiersMatchIgnoringCase() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select PASSWORD from ACME.Things.THING_SECRETS where THINGID = 9")) {
      assertEquals(List.of("pw-of-9"), column(rs, "password"));
    }
  }
}
