package io.credql.rows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listing read to its end (the outer side of a lookup join, a full export) asks for its next pages
 * while the current one is still being read, a few pages ahead, so the pages' latency overlaps the
 * reading and the calls the rows start; a query with a LIMIT asks for no page beyond what it reads.
 */
class ListingReadAheadTest {
  private static final int PAGE_SIZE = 20;
  private static final int PAGES = 8;
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    for (int page = 1; page <= PAGES; page++) {
      final StringBuilder items = new StringBuilder();
      for (int i = 0; i < PAGE_SIZE; i++) {
        items.append(i > 0 ? "," : "").append("{\"id\":").append(page * 100 + i).append(",\"label\":\"t\"}");
      }
      final String body = "{\"data\":[" + items + "],\"page\":" + page + ",\"pages\":" + PAGES + ",\"results\":"
          + PAGES * PAGE_SIZE + "}";
      api.stubFor(get(urlPathEqualTo("/v1/things")).withQueryParam("page", equalTo(Integer.toString(page)))
          .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
      if (page == 1) {
        api.stubFor(get(urlPathEqualTo("/v1/things")).withQueryParam("page", absent())
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
      }
    }
  }

  @AfterAll static void stop() {
    api.stop();
  }

  @BeforeEach void forget() {
    api.resetRequests();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.port() + "/v1");
  }

  @Test void aListingAsksForItsNextPageWhileTheCurrentOneIsRead() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM acme.things.things")) {
      for (int i = 0; i < CallStreamEnumerator.READ_AHEAD_AFTER; i++) {
        rs.next();
      }
      awaitRequestFor(2);
      assertEquals(1, requestsFor(2), "page 2 was asked for before the first page's rows were all read");
      int rows = CallStreamEnumerator.READ_AHEAD_AFTER;
      while (rs.next()) {
        rows++;
      }
      assertEquals(PAGES * PAGE_SIZE, rows);
    }
    for (int page = 2; page <= PAGES; page++) {
      assertEquals(1, requestsFor(page), "each page is asked for once");
    }
  }

  @Test void aListingWhoseReaderWaitsKeepsAFewPagesComingAndNoMore() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM acme.things.things")) {
      for (int i = 0; i < CallStreamEnumerator.READ_AHEAD_AFTER; i++) {
        rs.next();
      }
      final int lastAhead = 1 + PagesAhead.MAX_PAGES_AHEAD;
      awaitRequestFor(lastAhead);
      for (int page = 2; page <= lastAhead; page++) {
        assertEquals(1, requestsFor(page), "page " + page + " came while page 1 was still being read");
      }
      Thread.sleep(50);
      assertEquals(0, requestsFor(lastAhead + 1), "no more than " + PagesAhead.MAX_PAGES_AHEAD
          + " pages are fetched ahead of the reader");
      final List<Integer> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
      final List<Integer> expected = new ArrayList<>();
      for (int page = 1; page <= PAGES; page++) {
        for (int i = page == 1 ? CallStreamEnumerator.READ_AHEAD_AFTER : 0; i < PAGE_SIZE; i++) {
          expected.add(page * 100 + i);
        }
      }
      assertEquals(expected, ids, "every row of every page, in order, once");
    }
  }

  @Test void aPageFetchedAheadThatFailsEndsTheQueryWithTheProvidersErrorNotAShorterListing() throws Exception {
    final StubMapping refused = api.stubFor(get(urlPathEqualTo("/v1/things")).atPriority(1)
        .withQueryParam("page", equalTo("3"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"errors\":[{\"reason\":\"page out of range\"}]}")));
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM acme.things.things")) {
      int rows = 0;
      final SQLException e;
      try {
        while (rs.next()) {
          rows++;
        }
        throw new AssertionError("the listing ended after " + rows + " rows without saying page 3 failed");
      } catch (SQLException failed) {
        e = failed;
      }
      // the JDBC result set reads one row ahead of the caller, so the error may come with page 2's last row
      assertTrue(rows > PAGE_SIZE && rows <= 2 * PAGE_SIZE, "rows of pages 1 and 2 came before the error: " + rows);
      assertEquals(400, e.getErrorCode(), e.getMessage());
    } finally {
      api.removeStub(refused);
    }
    assertEquals(0, requestsFor(4), "no page is asked for after the one that failed");
  }

  private static void awaitRequestFor(int page) throws InterruptedException {
    final long deadline = System.nanoTime() + 5_000_000_000L;
    while (requestsFor(page) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test void aQueryWithALimitAsksForNoPageBeyondIt() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM acme.things.things LIMIT " + (PAGE_SIZE - 1))) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      assertEquals(PAGE_SIZE - 1, rows);
    }
    assertEquals(0, requestsFor(2), "the LIMIT is met on page 1");
  }

  private static int requestsFor(int page) {
    return api.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/things"))
        .withQueryParam("page", equalTo(Integer.toString(page))).build()).getCount();
  }
}
