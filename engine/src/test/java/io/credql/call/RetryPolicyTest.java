package io.credql.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

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
}
