package io.credql.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins in a row from one
 * address, that address is refused without a password check for a pause that doubles with each
 * further failure, up to {@link #LONGEST_PAUSE}. A successful login clears the address.
 */
final class FailedLogins {
  static final int FREE_FAILURES = 5;
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  /** Failures in a row from one address, and until when it is refused. */
  private record Failures(int count, long refusedUntilMillis) {
  }

  FailedLogins(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** Whether {@code address} must wait before its next attempt is checked. */
  boolean isPaused(String address) {
    final Failures failures = byAddress.get(address);
    return failures != null && clock.millis() < failures.refusedUntilMillis();
  }

  /** Counts a failure from {@code address}; returns how many there have been in a row. */
  int failed(String address) {
    return byAddress.compute(address, (a, before) -> {
      final int count = before == null ? 1 : before.count() + 1;
      final long pause = count < FREE_FAILURES ? 0
          : Math.min(LONGEST_PAUSE.toMillis(), 1000L << Math.min(20, count - FREE_FAILURES));
      return new Failures(count, clock.millis() + pause);
    }).count();
  }

  void succeeded(String address) {
    byAddress.remove(address);
  }
}
