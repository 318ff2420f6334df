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
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.credql.jdbc.QueryRows.labels;
import static io.credql.jdbc.QueryRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code response.async_schema_override}: an EXEC awaited with {@code /*+ AWAIT *}{@code /}
 * answers with the fields of the finished operation the override describes, while without AWAIT
 * it shows the operation the first response announces.
 */
class AsyncSchemaOverrideTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void stubs() {
    api.stubFor(post(urlPathEqualTo("/v1/exports/e1/run")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withHeader("Location", "/v1/operations/op-1")
        .withHeader("Retry-After", "0").withBody("{\"name\": \"operations/op-1\", \"done\": false}")));
    api.stubFor(get(urlPathEqualTo("/v1/operations/op-1")).inScenario("export")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(202).withHeader("Retry-After", "0"))
        .willSetStateTo("done"));
    api.stubFor(get(urlPathEqualTo("/v1/operations/op-1")).inScenario("export").whenScenarioStateIs("done")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"rowCount\": 42, \"location\": \"exports/e1.csv\"}")));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/async-providers").toAbsolutePath()
        + ";baseUrl.jobs=http://127.0.0.1:" + api.getPort() + "/v1");
  }

  /** The statement's column labels, then its rows. */
  private static List<List<String>> table(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<List<String>> table = new ArrayList<>();
      table.add(labels(rs));
      table.addAll(rows(rs));
      return table;
    }
  }

  @Test void anAwaitedExecShowsTheFinishedOperationTheOverrideDescribes() throws SQLException {
    assertEquals(List.of(List.of("rowCount", "location"), List.of("42", "exports/e1.csv")),
        table("EXEC /*+ AWAIT */ jobs.core.exports.run @exportName = 'e1'"));
    api.verify(1, postRequestedFor(urlPathEqualTo("/v1/exports/e1/run")));
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/operations/op-1")));
  }

  @Test void withoutAwaitTheExecShowsTheOperationItStarted() throws SQLException {
    assertEquals(List.of(List.of("name", "done"), List.of("operations/op-1", "false")),
        table("EXEC jobs.core.exports.run @exportName = 'e1'"));
    api.verify(0, getRequestedFor(urlPathEqualTo("/v1/operations/op-1")));
  }
}
