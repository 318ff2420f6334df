package io.credql.plan;

import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.AcmeApi;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A resource whose rows have one column reads as values under every operator Calcite puts above
 * its scan: sorted, limited, de-duplicated, grouped, combined, joined or nested, each row is the
 * name itself, never a Java array.
 */
class OneColumnResourceTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  private static final String NAMES = "layered.plain.subject_names";

  @BeforeEach void subjects() {
    api.stubFor(get(urlPathEqualTo("/api/plain/subject_names")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("[\"users-key\", \"orders-value\", \"accounts\"]")));
  }

  @Test void orderByAndLimitOverAOneColumnResourceGiveTheNames() throws SQLException {
    assertEquals(List.of("accounts", "orders-value", "users-key"),
        rows("SELECT subject FROM " + NAMES + " ORDER BY subject"));
    assertEquals(List.of("users-key", "orders-value"),
        rows("SELECT subject FROM " + NAMES + " ORDER BY subject DESC LIMIT 2"));
    assertEquals(List.of("orders-value"),
        rows("SELECT subject FROM " + NAMES + " ORDER BY 1 LIMIT 1 OFFSET 1"));
    assertEquals(List.of("users-key", "orders-value"), rows("SELECT subject FROM " + NAMES + " LIMIT 2"));
  }

  @Test void distinctGroupingAndWindowsOverAOneColumnResourceGiveTheNames() throws SQLException {
    assertEquals(List.of("accounts", "orders-value", "users-key"),
        rows("SELECT DISTINCT subject FROM " + NAMES + " ORDER BY subject"));
    assertEquals(List.of("accounts|1", "orders-value|1"), rows("SELECT subject, count(*) FROM "
        + NAMES + " GROUP BY subject HAVING subject < 'p' ORDER BY subject"));
    assertEquals(List.of("accounts|1", "orders-value|2", "users-key|3"), rows(
        "SELECT subject, row_number() OVER (ORDER BY subject) FROM " + NAMES + " ORDER BY subject"));
  }

  @Test void setOperationsJoinsAndSubqueriesOverAOneColumnResourceGiveTheNames() throws SQLException {
    assertEquals(List.of("accounts", "orders-value", "users-key", "zebra"),
        rows("SELECT subject FROM " + NAMES + " UNION ALL SELECT 'zebra' ORDER BY 1"));
    assertEquals(List.of("orders-value", "users-key"),
        rows("SELECT subject FROM " + NAMES + " EXCEPT SELECT 'accounts' ORDER BY 1"));
    assertEquals(List.of("accounts", "orders-value", "users-key"), rows("SELECT a.subject FROM "
        + NAMES + " a JOIN " + NAMES + " b ON a.subject = b.subject ORDER BY 1"));
    assertEquals(List.of("users-key"), rows("WITH s AS (SELECT subject FROM " + NAMES
        + " ORDER BY subject DESC LIMIT 1) SELECT subject FROM s"));
    assertEquals(List.of("accounts"), rows("SELECT subject FROM " + NAMES + " WHERE subject IN "
        + "(SELECT subject FROM " + NAMES + " ORDER BY subject LIMIT 1)"));
    assertEquals(List.of("users-key"), rows("SELECT (SELECT subject FROM " + NAMES
        + " ORDER BY subject DESC LIMIT 1)"));
  }

  private static List<String> rows(String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = TestProviders.in("layered-providers").calling("layered", AcmeApi.base(api) + "/api").connect();
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
