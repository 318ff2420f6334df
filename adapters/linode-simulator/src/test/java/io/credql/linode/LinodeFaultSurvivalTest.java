package io.credql.linode;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.credql.call.VirtualClock;
import io.credql.jdbc.QueryRows;
import io.credql.session.CredqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults between credql and the Linode simulator: 5xx bursts, dropped connections, stalls past the
 * timeout, malformed, truncated and wrongly typed bodies, 429 storms. Every SELECT either returns
 * exactly the rows the fault-free simulator gives, or fails with a clear error; it never returns
 * fewer rows without one. The counts of faults injected are printed for the record. Retry backoff
 * and 429 pauses run on a virtual clock, on which {@code timeout=1} lasts a quarter second in real
 * time, so the stalls past it cost a quarter of what they would.
 */
class LinodeFaultSurvivalTest {
  private static final String TOKEN = "test-linode-token"; // surefire sets LINODE_TOKEN to it
  /** 4 demo PostgreSQL databases and these: a listing of two pages, a fan-out of 154 calls. */
  private static final int EXTRA_POSTGRES = 150;
  private static final String FAN_OUT = "SELECT i.id, c.username, c.password"
      + " FROM linode.databases.postgresql_instances i"
      + " JOIN linode.databases.postgresql_instances_credentials c ON c.instanceId = i.id"
      + " WHERE i.status = 'active' ORDER BY i.id";
  private static final String LISTING = "SELECT id, label FROM linode.databases.postgresql_instances";
  private static final String CREDENTIALS = "/credentials";
  private static final AtomicInteger TOTAL_INJECTED = new AtomicInteger();
  private static final VirtualClock CLOCK = VirtualClock.withTimeoutsShortenedTo(25);

  private static LinodeSimulator sim;
  private static FaultyFront front;
  private static List<List<String>> expectedFanOut;
  private static int expectedListing;

  @BeforeAll static void start() throws SQLException {
    final List<ManagedDatabase> databases = new ArrayList<>(LinodeDataset.demo().databases());
    for (int i = 0; i < EXTRA_POSTGRES; i++) {
      databases.add(ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 2000 + i, "tenant-" + i).build());
    }
    sim = LinodeSimulator.builder().token(TOKEN).dataset(LinodeDataset.of(databases)).build().start();
    front = new FaultyFront("http://127.0.0.1:" + sim.port());
    expectedFanOut = rows(FAN_OUT, "");
    expectedListing = rows(LISTING, "").size();
    assertTrue(expectedFanOut.size() > 100, "the fan-out has rows to lose: " + expectedFanOut.size());
    assertEquals(expectedFanOut, rowsThroughFront(FAN_OUT, "", (url, nth) -> null), "the front alone changes nothing");
  }

  @AfterAll static void stop() {
    front.close();
    sim.close();
    System.out.println("fault suite: " + TOTAL_INJECTED.get() + " faults injected");
  }

  private static List<List<String>> rows(String sql, String more) throws SQLException {
    return read("jdbc:credql:baseUrl.linode=" + sim.baseUrl() + more, sql);
  }

  private static List<List<String>> rowsThroughFront(String sql, String more, FaultyFront.Plan plan)
      throws SQLException {
    front.plan(plan);
    try {
      return read("jdbc:credql:baseUrl.linode=" + front.baseUrl() + more, sql);
    } finally {
      TOTAL_INJECTED.addAndGet(front.injected());
    }
  }

  private static List<List<String>> read(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.unwrap(CredqlSession.class).useClock(CLOCK);
      return read(c, sql);
    }
  }

  private static List<List<String>> read(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return QueryRows.of(s, sql);
    }
  }

  /** The SELECT fails; its message is returned after checking it is one and carries no secret. */
  private static String failure(String sql, String more, FaultyFront.Plan plan) {
    final List<List<String>> partial = new ArrayList<>();
    try {
      partial.addAll(rowsThroughFront(sql, more, plan));
    } catch (SQLException e) {
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      return e.getMessage();
    }
    throw new AssertionError("expected an error, got " + partial.size() + " rows");
  }

  private static ResponseDefinitionBuilder linodeError(int status, String reason) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": [{\"reason\": \"" + reason + "\"}]}");
  }

  private static boolean everyThird(String url) {
    return Math.floorMod(url.hashCode(), 3) == 0;
  }

  @Test void burstsOf5xxAreRetriedIntoCompleteRows() throws SQLException {
    final List<List<String>> rows = rowsThroughFront(FAN_OUT, "", (url, nth) -> {
      if (nth == 1) {
        return linodeError(503, "Service Unavailable");
      }
      if (nth == 2 && everyThird(url)) {
        return aResponse().withStatus(502).withHeader("Content-Type", "text/html")
            .withBody("<html><body>502 Bad Gateway</body></html>");
      }
      if (nth == 3 && everyThird(url)) {
        return aResponse().withStatus(504);
      }
      return null;
    });
    assertEquals(expectedFanOut, rows);
    assertTrue(front.injected() > expectedFanOut.size(), "faults injected: " + front.injected());
  }

  @Test void droppedConnectionsAreRetriedIntoCompleteRows() throws SQLException {
    final Fault[] faults = {Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE,
        Fault.RANDOM_DATA_THEN_CLOSE, Fault.MALFORMED_RESPONSE_CHUNK};
    final List<List<String>> rows = rowsThroughFront(FAN_OUT, "", (url, nth) ->
        nth == 1 ? aResponse().withFault(faults[Math.floorMod(url.hashCode(), faults.length)]) : null);
    assertEquals(expectedFanOut, rows);
  }

  @Test void stallsPastTheTimeoutAreRetriedAndTheirLateAnswersNeverUsed() throws SQLException {
    // a stalled answer that did arrive would carry a wrong password and change the rows; enough
    // calls at once that every stall waits out its timeout together (at the default of 16 the
    // stalls held every place in turn and the test waited a second per wave, 4.5 s in all)
    final List<List<String>> rows = rowsThroughFront(FAN_OUT, ";timeout=1;concurrency=64", (url, nth) ->
        nth == 1 && url.endsWith(CREDENTIALS) && Math.floorMod(url.hashCode(), 8) == 0
            ? aResponse().withFixedDelay(600).withHeader("Content-Type", "application/json")
                .withBody("{\"username\": \"stale\", \"password\": \"stale\"}")
            : null);
    assertEquals(expectedFanOut, rows);
    assertTrue(front.injected() > 0, "some calls stalled");
  }

  @Test void aStallThatNeverEndsIsAClearError() {
    final String message = failure(
        "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123",
        ";timeout=1", (url, nth) -> aResponse().withFixedDelay(400).withBody("{}"));
    assertTrue(message.contains("no answer within 1 s"), message);
    assertTrue(message.contains("timeout=<seconds>"), message);
    assertEquals(4, front.injected(), "a read is tried 4 times");
  }

  @Test void a5xxThatDoesNotPassIsAClearErrorAfterFourAttempts() {
    final String message = failure(
        "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123",
        "", (url, nth) -> linodeError(503, "Service Unavailable"));
    assertTrue(message.contains("HTTP 503"), message);
    assertTrue(message.contains("Service Unavailable"), message);
    assertEquals(4, front.injected());
  }

  @Test void aListingWhoseSecondPageFailsIsAnErrorNotAShortList() {
    final String message = failure(LISTING, "", (url, nth) ->
        url.contains("page=2") ? linodeError(500, "Internal Server Error") : null);
    assertTrue(message.contains("HTTP 500"), message);
    assertEquals(1, front.injected(), "a 500 is not retried");
  }

  @Test void aSecondPageThatFailsBrieflyStillGivesEveryRow() throws SQLException {
    assertEquals(expectedListing, rowsThroughFront(LISTING, "", (url, nth) ->
        url.contains("page=2") && nth <= 2 ? linodeError(503, "Service Unavailable") : null).size());
  }

  @Test void truncatedJsonIsAClearErrorNotFewerRows() {
    final String listing = failure(LISTING, "", (url, nth) -> url.contains("page=2")
        ? aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"data\": [{\"id\": 9001, \"label\": \"cut-of")
        : null);
    assertTrue(listing.contains("is not valid JSON"), listing);
    final String fanOut = failure(FAN_OUT, "", (url, nth) -> url.endsWith("/2040" + CREDENTIALS)
        ? aResponse().withHeader("Content-Type", "application/json").withBody("{\"username\": \"linroot\", \"pass")
        : null);
    assertTrue(fanOut.contains("postgresql_instances_credentials"), fanOut);
    assertTrue(fanOut.contains("is not valid JSON"), fanOut);
  }

  @Test void wrongContentTypesAreClearErrors() {
    final String html = failure(LISTING, "", (url, nth) -> aResponse()
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html>maintenance</html>"));
    assertTrue(html.contains("text/html instead of JSON"), html);
    final String empty = failure(LISTING, "", (url, nth) -> aResponse().withStatus(200));
    assertTrue(empty.contains("empty body"), empty);
  }

  @Test void responsesOfTheWrongShapeAreClearErrors() {
    final String scalar = failure(LISTING, "", (url, nth) -> aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\": \"maintenance\", \"page\": 1, \"pages\": 1, \"results\": 1}"));
    assertTrue(scalar.contains("holds a string at $.data"), scalar);
    final String numbers = failure(LISTING, "", (url, nth) -> aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\": [1, 2], \"page\": 1, \"pages\": 1, \"results\": 2}"));
    assertTrue(numbers.contains("a list holding a number"), numbers);
  }

  @Test void aStormOf429IsWaitedOutWithoutHammeringTheProvider() throws SQLException {
    // the storm lasts 2 s of the connection's clock from the first request
    final AtomicLong stormEnds = new AtomicLong();
    final List<List<String>> rows = rowsThroughFront(FAN_OUT, "", (url, nth) -> {
      final long now = CLOCK.nanoTime();
      stormEnds.compareAndSet(0, now + Duration.ofSeconds(2).toNanos());
      return now < stormEnds.get() ? linodeError(429, "Too many requests").withHeader("Retry-After", "1") : null;
    });
    assertEquals(expectedFanOut, rows);
    assertTrue(front.injected() > 0, "the storm met requests");
    // the provider is paused as a whole after a 429: at most a round of concurrent calls per second
    assertTrue(front.injected() <= 3 * 16, "requests sent into the storm: " + front.injected());
  }

  private static final String RESET = "EXEC linode.databases.postgresql_instances_credentials"
      + ".postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 2001";

  @Test void aMutationMeetingA503IsAnUnknownOutcomeSentOnce() {
    final String message = failure(RESET, "", (url, nth) -> linodeError(503, "Service Unavailable"));
    assertTrue(message.contains("outcome unknown: a gateway answered HTTP 503"), message);
    assertTrue(message.contains("SELECT * FROM linode.databases.postgresql_instances_credentials"), message);
    assertEquals(1, front.injected(), "sent once");
  }

  @Test void aMutationMeetingA500IsAnUnknownOutcomeSentOnce() {
    final String message = failure(RESET, "", (url, nth) -> linodeError(500, "Internal Server Error"));
    assertTrue(message.contains("outcome unknown: linode answered HTTP 500"), message);
    assertEquals(1, front.injected(), "sent once");
  }

  @Test void aMutationWhoseAnswerStallsIsAnUnknownOutcomeSentOnce() {
    final String message = failure(RESET, ";timeout=1", (url, nth) -> aResponse().withFixedDelay(500));
    assertTrue(message.contains("outcome unknown"), message);
    assertTrue(message.contains("SELECT * FROM linode.databases.postgresql_instances_credentials"), message);
    assertEquals(1, front.injected(), "sent once");
  }

  @Test void aMutationWhoseConnectionDropsIsAnUnknownOutcomeSentOnce() {
    final String message = failure(RESET, "", (url, nth) -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertTrue(message.contains("outcome unknown"), message);
    assertEquals(1, front.injected(), "sent once");
  }
}
