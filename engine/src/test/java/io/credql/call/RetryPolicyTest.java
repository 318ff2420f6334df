package io.credql.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads wait as long as the provider asks, within reason, and back off harder each time. */
class RetryPolicyTest {
  @Test void retryAfterInSecondsOrAsADateIsHonouredUpToAMinute() {
    assertEquals(Duration.ofSeconds(30), RetryPolicy.retryAfter("30"));
    assertEquals(Duration.ofMillis(1500), RetryPolicy.retryAfter(" 1.5 "));
    assertEquals(Duration.ofSeconds(60), RetryPolicy.retryAfter("86400"), "capped");
    final String inTwentySeconds = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20)
        .format(DateTimeFormatter.RFC_1123_DATE_TIME);
    final Duration wait = RetryPolicy.retryAfter(inTwentySeconds);
    assertTrue(wait != null && wait.compareTo(Duration.ofSeconds(18)) > 0 && wait.compareTo(Duration.ofSeconds(21)) < 0,
        "waits until the date: " + wait);
  }

  @Test void anUnreadableOrNegativeRetryAfterIsIgnored() {
    assertNull(RetryPolicy.retryAfter(null));
    assertNull(RetryPolicy.retryAfter(""));
    assertNull(RetryPolicy.retryAfter("-5"));
    assertNull(RetryPolicy.retryAfter("soon"));
    assertNull(RetryPolicy.retryAfter("NaN"));
  }

  @Test void backoffGrowsWithEachAttemptWithJitterAndACap() {
    for (int attempt = 1; attempt <= 20; attempt++) {
      final long step = Math.min(10_000, 250L << Math.min(attempt - 1, 16));
      final long wait = RetryPolicy.backoff(attempt).toMillis();
      assertTrue(wait >= step / 2 && wait <= step, "attempt " + attempt + ": " + wait);
    }
  }

  @Test void onlyTransientStatusesAreRetried() {
    for (int status : new int[] {408, 429, 502, 503, 504}) {
      assertTrue(RetryPolicy.isRetryableStatus(status), Integer.toString(status));
    }
    for (int status : new int[] {200, 400, 401, 403, 404, 409, 500, 501}) {
      assertFalse(RetryPolicy.isRetryableStatus(status), Integer.toString(status));
    }
  }

  @Test void aDeclaredPolicyReplacesTheDefaultAsStackqlsRetryPolicyDescribes() throws Exception {
    final RetryPolicy declared = RetryPolicy.of(new ObjectMapper().readTree(
        "{\"max_attempts\": 5, \"initial_delay_ms\": 5, \"max_delay_ms\": 25, \"multiplier\": 2,"
            + " \"retryable_methods\": [\"GET\"], \"retryable_conditions\": {\"status_codes\": [503]}}"));
    assertEquals(5, declared.attempts());
    assertEquals(List.of(5L, 10L, 20L, 25L), List.of(declared.delay(1).toMillis(), declared.delay(2).toMillis(),
        declared.delay(3).toMillis(), declared.delay(4).toMillis()));
    assertTrue(declared.retriesStatus(503));
    assertFalse(declared.retriesStatus(502));
    assertEquals(1, declared.throttledAttempts(), "429 is not among its statuses");
    assertTrue(declared.retriesMethod("get"));
    assertFalse(declared.retriesMethod("HEAD"));
  }

  @Test void missingOrOutOfRangeFieldsOfADeclaredPolicySnapToStackqlsDefaults() throws Exception {
    final RetryPolicy snapped = RetryPolicy.of(new ObjectMapper().readTree(
        "{\"max_attempts\": 0, \"multiplier\": 0.5, \"initial_delay_ms\": -1}"));
    assertEquals(3, snapped.attempts());
    assertEquals(List.of(500L, 1000L), List.of(snapped.delay(1).toMillis(), snapped.delay(2).toMillis()));
    assertTrue(snapped.retriesStatus(429) && snapped.retriesStatus(504));
    assertEquals(3, snapped.throttledAttempts());
    assertTrue(snapped.retriesMethod("GET") && snapped.retriesMethod("HEAD"));
    assertEquals(RetryPolicy.DEFAULT, RetryPolicy.of(MissingNode.getInstance()));
  }
}
