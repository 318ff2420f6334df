package io.credql.jdbc;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queries on one connection share the provider's {@code concurrency}: a small query started while a
 * large fan-out runs gets its calls in among the fan-out's, not after all of them (each scan keeps at
 * most twice the concurrency of calls waiting, and a freed place goes to the waiting queries in turn).
 */
class SharedProviderBudgetTest {
  private static final int LATENCY_MS = 40;
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withFixedDelay(LATENCY_MS)
            .withBody("{\"username\":\"user\",\"password\":\"pw\"}")));
  }

  @AfterAll static void stop() {
    api.stop();
  }

  @Test void aSmallQueryIsNotQueuedBehindALargeFanOutOnTheSameConnection() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.port() + "/v1;concurrency=2")) {
      // planned once before, so that only calls are measured
      assertEquals(1, rows(connection, 201, 1));
      // 30 calls (ids of one or two digits), two at a time: at least 15 waves of 40 ms
      final CompletableFuture<Long> large = CompletableFuture.supplyAsync(() -> rows(connection, 1, 30));
      while (largeCalls() < 2) {
        Thread.sleep(5);
      }
      assertEquals(2, rows(connection, 101, 2));
      final long servedMeanwhile = largeCalls();
      assertTrue(servedMeanwhile < 30, "the small query waited for all " + servedMeanwhile + " calls of the large one");
      assertFalse(large.isDone(), "the large fan-out ended before the small query");
      assertEquals(30, large.get(60, TimeUnit.SECONDS));
    }
  }

  private static long largeCalls() {
    return api.countRequestsMatching(getRequestedFor(urlPathMatching("/v1/things/[0-9]{1,2}/secret")).build())
        .getCount();
  }

  /** Reads the secrets of things {@code first} to {@code first + count - 1}, one call each. */
  private static long rows(Connection connection, int first, int count) {
    final StringBuilder ids = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ids.append(i > 0 ? ", " : "").append(first + i);
    }
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT username FROM acme.things.thing_secrets WHERE thingId IN (" + ids + ")")) {
      long n = 0;
      while (rows.next()) {
        n++;
      }
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
