package io.credql.call;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Holds back every request to one provider while it is throttling us: a 429 with
 * {@code Retry-After} pauses the whole provider, not just the call that got it.
 */
final class RateGate {
  private final CallClock clock;
  private long openAtNanos;

  RateGate(CallClock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.openAtNanos = clock.nanoTime();
  }

  /** Closes the gate for {@code wait} from now (never shortens an existing pause). */
  synchronized void pause(Duration wait) {
    final long until = clock.nanoTime() + wait.toNanos();
    if (until - openAtNanos > 0) {
      openAtNanos = until;
    }
  }

  /** How long the gate stays closed from now: zero when it is open. */
  synchronized Duration closedFor() {
    final long remaining = openAtNanos - clock.nanoTime();
    return remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO;
  }

  /** Waits until the gate is open. */
  void awaitOpen() throws InterruptedException {
    while (true) {
      final long remaining;
      synchronized (this) {
        remaining = openAtNanos - clock.nanoTime();
      }
      if (remaining <= 0) {
        return;
      }
      clock.sleep(Duration.ofNanos(remaining));
    }
  }
}
