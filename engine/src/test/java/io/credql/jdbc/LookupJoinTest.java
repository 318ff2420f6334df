package io.credql.jdbc;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.AcmeApi;
import io.credql.call.CallProgress;
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
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Joins that bind one table's required parameter from another's rows fan out into calls. */
class LookupJoinTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @BeforeEach void stubs() {
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

  private static Connection connect(String extra) throws SQLException {
    return AcmeApi.connect(api, ";baseUrl.beta=" + AcmeApi.base(api) + "/beta" + extra);
  }

  private static List<String> rows(String sql) throws SQLException {
    return rows(sql, "");
  }

  private static List<String> rows(String sql, String extra) throws SQLException {
    try (Connection c = connect(extra); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

  private static long secretCalls() {
    return api.countRequestsMatching(getRequestedFor(urlPathMatching("/v1/things/[0-9]+/secret")).build()).getCount();
  }

  @Test void eachDistinctKeyIsCalledOnceAcrossTheWholeQuery() throws SQLException {
    final StringBuilder values = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      values.append(i > 0 ? ", " : "").append("(").append(i % 3 + 1).append(")");
    }
    assertEquals(600, rows("SELECT v.id, s.username FROM (VALUES " + values + ") AS v(id) "
        + "JOIN acme.things.thing_secrets s ON s.thingId = v.id").size());
    assertEquals(3, secretCalls());
  }

  @Test void theConnectionCountsTheCallsOfAFanOutForProgressDisplays() throws SQLException {
    final StringBuilder values = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      values.append(i > 1 ? ", " : "").append("(").append(i).append(")");
    }
    final String fanOut = "SELECT v.id, s.username FROM (VALUES " + values + ") AS v(id) "
        + "JOIN acme.things.thing_secrets s ON s.thingId = v.id";
    try (Connection c = connect(";concurrency=2"); Statement s = c.createStatement()) {
      final CallProgress progress = c.unwrap(CallProgress.class);
      final List<String> idleAt = new ArrayList<>();
      progress.onIdle(() -> idleAt.add(progress.snapshot().done() + "/" + progress.snapshot().planned()));
      try (ResultSet rs = s.executeQuery(fanOut)) {
        assertTrue(rs.next());
        assertTrue(progress.snapshot().busy() || progress.snapshot().planned() == 30, progress.snapshot().toString());
        int rows = 1;
        while (rs.next()) {
          rows++;
        }
        assertEquals(29, rows, "thing 5 has no secret (404)");
      }
      assertEquals(30, progress.snapshot().done());
      assertEquals(List.of("30/30"), idleAt);
      // a LIMIT closes the scan early: the calls it never made are given up, and it is idle again
      try (ResultSet rs = s.executeQuery(fanOut + " LIMIT 1")) {
        assertTrue(rs.next());
      }
      assertFalse(progress.snapshot().busy(), progress.snapshot().toString());
    }
  }

  @Test void theParameterMayBeOnEitherSideAndKeysMayNeedACast() throws SQLException {
    assertEquals(List.of("1:user-1", "2:user-2"),
        rows("SELECT v.k, s.username FROM (VALUES ('1'), ('2')) AS v(k) "
            + "JOIN acme.things.thing_secrets s ON v.k = s.thingId ORDER BY v.k"));
  }

  @Test void joinsWorkAcrossProviders() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/beta/items")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"sku\":\"a\",\"thing_ref\":\"2\"},{\"sku\":\"b\",\"thing_ref\":\"3\"}]")));
    assertEquals(List.of("a:user-2", "b:user-3"),
        rows("SELECT i.sku, s.username FROM beta.inventory.items i "
            + "JOIN acme.things.thing_secrets s ON s.thingId = CAST(i.thing_ref AS BIGINT) ORDER BY i.sku"));
  }

  @Test void callsRunConcurrentlyButNeverAboveTheLimit() throws SQLException {
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"username\":\"u\"}")
        .withFixedDelay(200)));
    final StringBuilder values = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      values.append(i > 1 ? ", " : "").append("(").append(i).append(")");
    }
    assertEquals(20, rows("SELECT v.id, s.username FROM (VALUES " + values + ") AS v(id) "
        + "JOIN acme.things.thing_secrets s ON s.thingId = v.id", ";concurrency=4").size());
    final List<long[]> intervals = new ArrayList<>();
    for (com.github.tomakehurst.wiremock.stubbing.ServeEvent event : api.getAllServeEvents()) {
      final long start = event.getRequest().getLoggedDate().getTime();
      intervals.add(new long[] {start, start + event.getTiming().getTotalTime()});
    }
    int most = 0;
    for (long[] a : intervals) {
      int overlapping = 0;
      for (long[] b : intervals) {
        if (b[0] <= a[0] && a[0] < b[1]) {
          overlapping++;
        }
      }
      most = Math.max(most, overlapping);
    }
    final long first = intervals.stream().mapToLong(i -> i[0]).min().orElseThrow();
    final long last = intervals.stream().mapToLong(i -> i[1]).max().orElseThrow();
    assertTrue(last - first < 20 * 200 / 2, "calls ran concurrently, took " + (last - first) + " ms");
    assertTrue(most <= 4, "at most 4 in flight, saw " + most);
    assertTrue(most >= 3, "calls overlapped, saw " + most);
  }

  @Test void aLeftJoinKeepsRowsWhoseCallFoundNothing() throws SQLException {
    assertEquals(List.of("1:user-1", "2:user-2", "3:user-3", "4:user-4", "5:null", "6:user-6"),
        rows("SELECT t.id, s.username FROM acme.things.things t "
            + "LEFT JOIN acme.things.thing_secrets s ON t.id = s.thingId ORDER BY t.id"));
  }
}
