package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * When a read is retried and how long it waits. By default: 408, 429, 502, 503, 504 and
 * connection failures, exponential backoff with jitter, {@code Retry-After} honoured (capped).
 * A document's {@code config.retry} block (StackQL's any-sdk {@code docs/retry_policy.md}; the
 * first level of provider, providerService, service, resource, method and operation that declares
 * one wins, whole) replaces that: {@code max_attempts}, {@code initial_delay_ms},
 * {@code max_delay_ms}, {@code multiplier}, {@code jitter_fraction}, {@code retryable_methods},
 * {@code retryable_conditions.status_codes}, each snapped to StackQL's default when missing or out
 * of range. Unlike StackQL, a mutation is never re-sent, whatever {@code retryable_methods} lists:
 * this class is only asked about reads.
 */
final class RetryPolicy {
  /** Attempts for a read failing with a transient status or a connection error. */
  static final int READ_ATTEMPTS = 4;
  /** Attempts for a read the provider keeps throttling (429): it will let us through eventually. */
  static final int THROTTLED_ATTEMPTS = 12;
  private static final Duration BASE = Duration.ofMillis(250);
  private static final Duration CAP = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final Set<Integer> TRANSIENT = Set.of(408, 429, 502, 503, 504);
  /** Equal jitter (half the step fixed, half random): credql's own default. */
  private static final double EQUAL_JITTER = -1;

  /** credql's policy for a method whose document declares none. */
  static final RetryPolicy DEFAULT = new RetryPolicy(READ_ATTEMPTS, THROTTLED_ATTEMPTS, BASE, CAP, 2.0,
      EQUAL_JITTER, TRANSIENT, Set.of("GET", "HEAD"));

  private final int attempts;
  private final int throttledAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Set<Integer> statuses;
  private final Set<String> methods;

  private RetryPolicy(int attempts, int throttledAttempts, Duration initialDelay, Duration maxDelay,
      double multiplier, double jitter, Set<Integer> statuses, Set<String> methods) {
    this.attempts = attempts;
    this.throttledAttempts = throttledAttempts;
    this.initialDelay = requireNonNull(initialDelay, "initialDelay");
    this.maxDelay = requireNonNull(maxDelay, "maxDelay");
    this.multiplier = multiplier;
    this.jitter = jitter;
    this.statuses = Set.copyOf(statuses);
    this.methods = Set.copyOf(methods);
  }

  /** The policy a method's (inherited) {@code config.retry} declares, or {@link #DEFAULT} without one. */
  static RetryPolicy of(JsonNode retry) {
    if (retry == null || !retry.isObject()) {
      return DEFAULT;
    }
    final int attempts = retry.path("max_attempts").asInt(0) < 1 ? 3 : retry.path("max_attempts").asInt();
    final long initial = retry.path("initial_delay_ms").asLong(0) <= 0 ? 500 : retry.path("initial_delay_ms").asLong();
    final long max = retry.path("max_delay_ms").asLong(0) <= 0 ? 10_000 : retry.path("max_delay_ms").asLong();
    final double multiplier = retry.path("multiplier").asDouble(0) <= 1 ? 2.0 : retry.path("multiplier").asDouble();
    final double jitter = Math.max(0, Math.min(1, retry.path("jitter_fraction").asDouble(0)));
    final Set<String> methods = new HashSet<>();
    retry.path("retryable_methods").forEach(m -> methods.add(m.asText().toUpperCase(Locale.ROOT)));
    final Set<Integer> statuses = new HashSet<>();
    retry.path("retryable_conditions").path("status_codes").forEach(code -> statuses.add(code.asInt()));
    final Set<Integer> retried = statuses.isEmpty() ? TRANSIENT : statuses;
    // "algorithm" other than exponential: StackQL waits initial_delay_ms flat
    final boolean exponential = retry.path("algorithm").asText("exponential").equals("exponential");
    return new RetryPolicy(attempts, retried.contains(429) ? attempts : 1, Duration.ofMillis(initial),
        Duration.ofMillis(max), exponential ? multiplier : 1.0, jitter, retried,
        methods.isEmpty() ? Set.of("GET", "HEAD") : methods);
  }

  /** Attempts in all (the first included) for a transient status or a connection failure. */
  int attempts() {
    return attempts;
  }

  /** Attempts in all for a read the provider answers with 429. */
  int throttledAttempts() {
    return throttledAttempts;
  }

  /** Whether a read with this HTTP method is retried at all. */
  boolean retriesMethod(String httpMethod) {
    return methods.contains("*") || methods.contains(httpMethod.toUpperCase(Locale.ROOT));
  }

  /** Whether a read answered with {@code status} is tried again. */
  boolean retriesStatus(int status) {
    return statuses.contains(status);
  }

  /** The wait before attempt {@code attempt + 1}. */
  Duration delay(int attempt) {
    final double grown = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt - 1, 30));
    final long step = (long) Math.min(maxDelay.toMillis(), grown);
    if (jitter == EQUAL_JITTER) {
      final long half = step / 2;
      return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
    if (jitter == 0) {
      return Duration.ofMillis(step);
    }
    final double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    return Duration.ofMillis((long) Math.max(0, Math.min(maxDelay.toMillis(), step * factor)));
  }

  static boolean isRetryableStatus(int status) {
    return DEFAULT.retriesStatus(status);
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  static Duration backoff(int attempt) {
    return DEFAULT.delay(attempt);
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
