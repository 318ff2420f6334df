package io.credql.plan;

import io.credql.LoopbackJsonServer;
import io.credql.TestProviders;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.LoopbackJsonServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lookup join of hundreds of keys makes its calls as many at a time as the connection allows,
 * also when the key is a response field too, and still returns exactly the rows its condition
 * selects.
 */
class LookupJoinRuleTest {
  private static final TestProviders PROVIDERS = TestProviders.in("select-binding");
  private static final int SAFES = 300;

  private static LoopbackJsonServer api;
  /** The safes the listing answers with, as JSON items. */
  private static volatile List<String> safes = List.of();
  /** Door calls in flight now, and the most there ever were. */
  private static final AtomicInteger inFlight = new AtomicInteger();
  private static final AtomicInteger mostInFlight = new AtomicInteger();
  /** Counted down by each door call, which waits (a bounded while) until so many are in flight. */
  private static volatile CountDownLatch gathered = new CountDownLatch(0);
  /** The door call held until a call of a later key has arrived, and what it saw; none if null. */
  private static volatile @Nullable String held;
  private static volatile int laterThanHeld;
  private static volatile CountDownLatch laterArrived = new CountDownLatch(0);
  private static volatile boolean heldUntilLater;

  @BeforeAll static void startApi() {
    api = LoopbackJsonServer.answering(LookupJoinRuleTest::answer);
  }

  @AfterAll static void stopApi() {
    api.close();
  }

  @BeforeEach void forget() {
    api.forget();
    mostInFlight.set(0);
    gathered = new CountDownLatch(0);
    held = null;
    laterArrived = new CountDownLatch(0);
    heldUntilLater = false;
  }

  private static Answer answer(Request request) throws InterruptedException {
    if (request.path().equals("/v1/safes")) {
      return Answer.json("{\"items\": [" + String.join(", ", safes) + "]}");
    }
    final String label = request.path().split("/")[3];
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      final CountDownLatch latch = gathered;
      latch.countDown();
      latch.await(10, TimeUnit.SECONDS);
      if (label.startsWith("s") && Integer.parseInt(label.substring(1)) >= laterThanHeld) {
        laterArrived.countDown();
      }
      if (label.equals(held)) {
        heldUntilLater = laterArrived.await(5, TimeUnit.SECONDS);
      }
    } finally {
      inFlight.decrementAndGet();
    }
    // a provider that matches labels without regard to case, and answers with its own spelling
    // and one that answers a key it was given in the path with a link to it, as Google answers zone
    final String answered = label.endsWith("7") ? label.toUpperCase()
        : label.startsWith("linked") ? "https://keyring.example/v1/safes/" + label : label;
    return Answer.json("{\"label\": \"" + answered + "\", \"open\": " + label.endsWith("0") + "}");
  }

  private static List<String> labelled(int count) {
    final List<String> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add("{\"label\": \"s" + i + "\", \"room\": \"r" + i + "\"}");
    }
    return items;
  }

  private static List<String> rows(String sql, String properties) throws SQLException {
    return rows(sql, properties, Integer.MAX_VALUE);
  }

  private static List<String> rows(String sql, String properties, int most) throws SQLException {
    try (Connection c = PROVIDERS.calling("keyring", api.url("/v1")).connect(properties);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> rows = new ArrayList<>();
      while (rows.size() < most && rs.next()) {
        rows.add(rs.getString(1) + ":" + rs.getString(2));
      }
      return rows;
    }
  }

  private static long doorCalls() {
    return api.targets().stream().filter(target -> target.endsWith("/door")).count();
  }

  @Test void aJoinOfThreeHundredKeysAtConcurrency256Holds256CallsInFlight() throws SQLException {
    safes = labelled(SAFES);
    gathered = new CountDownLatch(256);
    final List<String> rows = rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " JOIN keyring.safes.doors d ON d.label = l.label", ";concurrency=256");
    assertEquals(256, mostInFlight.get(), "the most door calls in flight at once");
    assertEquals(SAFES, doorCalls());
    assertEquals(SAFES - SAFES / 10, rows.size(), "the safes whose door answered with another label are left out");
  }

  @Test void aJoinOnAKeyTheRowsCarryTooReturnsOnlyTheRowsOfTheKeyAsked() throws SQLException {
    safes = labelled(SAFES);
    final List<String> rows = rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " JOIN keyring.safes.doors d ON d.label = l.label WHERE l.label LIKE '%0' OR l.label LIKE '%7'", "");
    final List<String> expected = new ArrayList<>();
    for (int i = 0; i < SAFES; i += 10) {
      expected.add("s" + i + ":true");
    }
    assertEquals(expected, rows);
    assertEquals(SAFES / 5, doorCalls());
  }

  @Test void aLeftJoinKeepsNullKeysDuplicatesAndKeysWhoseAnswerIsAnotherRow() throws SQLException {
    final List<String> items = new ArrayList<>(labelled(SAFES));
    items.add("{\"room\": \"no label\"}");
    items.add("{\"label\": \"s10\", \"room\": \"again\"}");
    safes = items;
    final List<String> rows = rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " LEFT JOIN keyring.safes.doors d ON d.label = l.label", "");
    assertEquals(SAFES + 2, rows.size());
    assertTrue(rows.contains("s17:null"), "s17's door answered as S17");
    assertTrue(rows.contains("null:null"), "the safe without a label");
    assertEquals(2, rows.stream().filter("s10:true"::equals).count(), "s10 listed twice");
    assertEquals(SAFES, doorCalls(), "one call per distinct key");
  }

  @Test void aRowThatAnswersAPathParameterWithALinkToItsValueIsKeptAsStackqlKeepsGooglesZones()
      throws SQLException {
    assertEquals(List.of("https://keyring.example/v1/safes/linked1:false"),
        rows("SELECT label, open FROM keyring.safes.doors WHERE label = 'linked1'", ""));
    assertEquals(List.of(), rows("SELECT label, open FROM keyring.safes.doors WHERE label = 'other7'", ""),
        "a row naming another key is still left out");
  }

  @Test void aJoinOnALinkToTheInnerResourcesOwnPathCallsItWithTheLinksLastSegment() throws SQLException {
    // as a join of Google's disks to instances ON d.zone = i.zone binds zone to .../zones/us-central1-a
    safes = List.of("{\"label\": \"https://keyring.example/v1/safes/linked3\"}");
    assertEquals(List.of("https://keyring.example/v1/safes/linked3:false"),
        rows("SELECT l.label, d.open FROM keyring.safes.safes l JOIN keyring.safes.doors d ON d.label = l.label", ""));
    assertEquals(List.of("GET /v1/safes/linked3/door"),
        api.targets().stream().filter(target -> target.endsWith("/door")).toList());
  }

  @Test void aJoinOnALinkElsewhereSaysTheValueIsALinkAndWhatToWriteAndCallsNothing() {
    safes = List.of("{\"label\": \"https://keyring.example/v2/vaults/linked4\"}");
    final SQLException error = assertThrows(SQLException.class, () -> rows("SELECT l.label, d.open"
        + " FROM keyring.safes.safes l JOIN keyring.safes.doors d ON d.label = l.label", ""));
    assertTrue(error.getMessage().contains("label of keyring.safes.doors.get is the link"
        + " 'https://keyring.example/v2/vaults/linked4', not a label name, and the link is not to /v1/safes/...:"
        + " give label in WHERE, or join on the link's last segment (split_part(x, '/', -1))"), error.getMessage());
    assertEquals(0, doorCalls());
    safes = List.of("{\"label\": \"postgres://admin:hunter2@db.example/v1/safes/x\"}");
    final String message = assertThrows(SQLException.class, () -> rows("SELECT l.label, d.open"
        + " FROM keyring.safes.safes l JOIN keyring.safes.doors d ON d.label = l.label", "")).getMessage();
    assertTrue(message.contains("is the link 'postgres://...', not a label name"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test void aLimitStopsTheCallsOfAJoinOfHundredsOfKeys() throws SQLException {
    safes = labelled(SAFES);
    assertEquals(3, rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " JOIN keyring.safes.doors d ON d.label = l.label LIMIT 3", ";concurrency=4").size());
    assertTrue(doorCalls() <= LookupJoinRule.FIRST_BATCH, "door calls of a LIMIT met in the first batch: " + doorCalls());
  }

  @Test void theNextBatchsCallsStartWhileTheLastCallOfTheBatchBeforeIsInFlight() throws SQLException {
    safes = labelled(SAFES);
    // at concurrency 4 the batches are s0-s63, s64-s191 and s192-s299; s191's answer waits (a bounded
    // while) for a call of the third batch, which came only after it before the batches overlapped
    held = "s191";
    laterThanHeld = 192;
    laterArrived = new CountDownLatch(1);
    final List<String> rows = rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " JOIN keyring.safes.doors d ON d.label = l.label", ";concurrency=4");
    assertTrue(heldUntilLater, "a call of the third batch started while s191's was in flight");
    assertEquals(SAFES - SAFES / 10, rows.size(), "every key's rows, as without the overlap");
    assertEquals(SAFES, doorCalls());
  }

  @Test void theFirstBatchNeverStartsTheSecondsCallsSoALimitMetLateInItStaysWithinIt() throws SQLException {
    safes = labelled(SAFES);
    // rows past the first of a batch come once all of its calls answered: the second batch's
    // calls would have started by then if the first batch overlapped them
    assertEquals(50, rows("SELECT l.label, d.open FROM keyring.safes.safes l"
        + " JOIN keyring.safes.doors d ON d.label = l.label", ";concurrency=4", 50).size());
    assertEquals(LookupJoinRule.FIRST_BATCH, doorCalls(), "door calls of a join read for 50 rows of its first batch");
  }
}
