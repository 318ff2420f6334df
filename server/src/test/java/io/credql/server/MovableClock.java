package io.credql.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves, so that pauses of seconds or minutes pass at once. */
final class MovableClock extends Clock {
  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Override public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override public Instant instant() {
    return now;
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }
}
