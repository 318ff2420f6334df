package io.credql.linode;

import io.credql.call.CallClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CallClock} whose waits end at once: its time jumps to the end of the wait, so that waits
 * begun together end together, as they would in real time, and cost none of it.
 */
final class VirtualClock implements CallClock {
  private final AtomicLong now = new AtomicLong();

  @Override public long nanoTime() {
    return now.get();
  }

  @Override public void sleep(Duration duration) {
    final long end = now.get() + Math.max(0, duration.toNanos());
    now.accumulateAndGet(end, Math::max);
  }
}
