package io.credql.call;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a read is retried and how long it waits: 408, 429, 502, 503, 504 and connection failures,
 * exponential backoff with jitter, {@code Retry-After} honoured (capped). Mutations are never
 * retried; this class is only asked about reads.
 */
final class RetryPolicy {
  /** Attempts for a read failing with a transient status or a connection error. */
  static final int READ_ATTEMPTS = 4;
  /** Attempts for a read the provider keeps throttling (429): it will let us through eventually. */
  static final int THROTTLED_ATTEMPTS = 12;
  private static final Duration BASE = Duration.ofMillis(250);
  private static final Duration CAP = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private RetryPolicy() {
  }

  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  static Duration backoff(int attempt) {
    final long step = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 16));
    final long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /**
   * The wait a {@code Retry-After} header asks for (delta-seconds or an HTTP date), capped at a
   * minute; null when absent, negative or unreadable.
   */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    final String value = header.trim();
    try {
      final double seconds = Double.parseDouble(value);
      if (seconds < 0 || Double.isNaN(seconds)) {
        return null;
      }
      return min(Duration.ofMillis((long) Math.ceil(seconds * 1000)), MAX_RETRY_AFTER);
    } catch (NumberFormatException e) {
      try {
        final ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        final Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return wait.isNegative() ? Duration.ZERO : min(wait, MAX_RETRY_AFTER);
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
