package io.credql.jdbc;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Joins that bind one table's required parameter from another's rows fan out into calls. */
class LookupJoinTest {
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
  }

  @AfterAll static void stop() {
    api.stop();
  }

  @BeforeEach void stubs() {
    api.resetAll();
    for (int page = 1; page <= 2; page++) {
      final StringBuilder items = new StringBuilder();
      for (int i = 1; i <= 3; i++) {
        final int id = (page - 1) * 3 + i;
        items.append(i > 1 ? "," : "").append("{\"id\":").append(id).append(",\"label\":\"thing-").append(id).append("\"}");
      }
      api.stubFor(get(urlPathEqualTo("/v1/things"))
          .withQueryParam("page", page == 1 ? absent() : equalTo(Integer.toString(page)))
          .willReturn(aResponse().withHeader("Content-Type", "application/json")
              .withBody("{\"data\":[" + items + "],\"page\":" + page + ",\"pages\":2}")));
    }
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"username\":\"user-{{request.pathSegments.[2]}}\",\"password\":\"pw\"}")
            .withTransformers("response-template")));
    api.stubFor(get(urlPathEqualTo("/v1/things/5/secret"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"errors\":[{\"reason\":\"Not found\"}]}")));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.port() + "/v1");
  }

  private static List<String> rows(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + ":" + rs.getString(2));
      }
      return rows;
    }
  }

  @Test void anInnerJoinCallsTheRightSideOncePerLeftRow() throws SQLException {
    assertEquals(List.of("1:user-1", "2:user-2", "3:user-3", "4:user-4", "6:user-6"),
        rows("SELECT t.id, s.username FROM acme.things.things t "
            + "JOIN acme.things.thing_secrets s ON s.thingId = t.id ORDER BY t.id"));
    assertEquals(6, api.countRequestsMatching(getRequestedFor(urlPathMatching("/v1/things/[0-9]+/secret")).build()).getCount());
  }

  @Test void aLeftJoinKeepsRowsWhoseCallFoundNothing() throws SQLException {
    assertEquals(List.of("1:user-1", "2:user-2", "3:user-3", "4:user-4", "5:null", "6:user-6"),
        rows("SELECT t.id, s.username FROM acme.things.things t "
            + "LEFT JOIN acme.things.thing_secrets s ON t.id = s.thingId ORDER BY t.id"));
  }
}
