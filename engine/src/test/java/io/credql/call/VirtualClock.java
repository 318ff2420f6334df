package io.credql.call;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CallClock} whose waits end at once: its time jumps to the end of the wait, so that waits
 * begun together end together, as they would in real time, and cost none of it.
 */
public final class VirtualClock implements CallClock {
  private final AtomicLong now = new AtomicLong();
  private final AtomicLong slept = new AtomicLong();

  @Override public long nanoTime() {
    return now.get();
  }

  @Override public void sleep(Duration duration) {
    final long nanos = Math.max(0, duration.toNanos());
    final long end = now.get() + nanos;
    now.accumulateAndGet(end, Math::max);
    slept.addAndGet(nanos);
  }

  /** The total of every wait so far. */
  public Duration slept() {
    return Duration.ofNanos(slept.get());
  }
}
