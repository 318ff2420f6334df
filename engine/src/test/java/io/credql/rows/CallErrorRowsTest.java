package io.credql.rows;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An auditor reading every thing's secret, where one thing's call is refused: by default the query
 * fails with the provider's reason; with {@code onCallError=null} every row comes back, the
 * refused one with NULLs and its reason in {@code _error}.
 */
class CallErrorRowsTest {
  private static final String AUDIT = "SELECT v.id, s.password, s._error FROM (VALUES (1), (2), (3)) AS v(id)"
      + " LEFT JOIN acme.things.thing_secrets s ON s.thingId = v.id ORDER BY v.id";
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"username\":\"root\",\"password\":\"pw-of-{{request.pathSegments.[2]}}\"}")
            .withTransformers("response-template")));
    api.stubFor(get(urlPathEqualTo("/v1/things/2/secret")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"errors\":[{\"reason\":\"thing 2 must be active\"}]}")));
  }

  @AfterAll static void stop() {
    api.stop();
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.port() + "/v1" + extra);
  }

  @Test void byDefaultOneRefusedCallFailsTheQueryWithTheProvidersReason() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(""); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery(AUDIT.replace(", s._error", ""))) {
        while (rs.next()) {
          rs.getString(2);
        }
      }
    });
    assertTrue(e.getMessage().contains("thing 2 must be active"), e.getMessage());
  }

  @Test void withOnCallErrorNullEveryRowComesBackAndTheRefusedOneSaysWhy() throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = connect(";onCallError=null"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(AUDIT)) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    assertEquals(3, rows.size(), rows::toString);
    assertEquals("1|pw-of-1|null", rows.get(0));
    assertTrue(rows.get(1).startsWith("2|null|"), rows::toString);
    assertTrue(rows.get(1).contains("HTTP 400") && rows.get(1).contains("thing 2 must be active"), rows::toString);
    assertEquals("3|pw-of-3|null", rows.get(2));
  }

  @Test void anUnknownOnCallErrorValueIsRefused() {
    final SQLException e = assertThrows(SQLException.class, () -> connect(";onCallError=skip").close());
    assertEquals("property onCallError must be fail or null, not 'skip'", e.getMessage());
  }
}
