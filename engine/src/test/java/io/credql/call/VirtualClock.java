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
  private final int timeoutPercent;

  /** A clock on which a call's timeout lasts as long in real time as it says. */
  public VirtualClock() {
    this(100);
  }

  private VirtualClock(int timeoutPercent) {
    this.timeoutPercent = timeoutPercent;
  }

  /**
   * A clock on which a call's timeout lasts {@code percent} % of its length in real time: a stall
   * past {@code timeout=1} then costs a quarter second at 25 %, and the error still says 1 s.
   */
  public static VirtualClock withTimeoutsShortenedTo(int percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be within 1 and 100: " + percent);
    }
    return new VirtualClock(percent);
  }

  @Override public long nanoTime() {
    return now.get();
  }

  @Override public void sleep(Duration duration) {
    final long nanos = Math.max(0, duration.toNanos());
    final long end = now.get() + nanos;
    now.accumulateAndGet(end, Math::max);
    slept.addAndGet(nanos);
  }

  @Override public Duration realTime(Duration timeout) {
    return timeout.multipliedBy(timeoutPercent).dividedBy(100);
  }

  /** The total of every wait so far. */
  public Duration slept() {
    return Duration.ofNanos(slept.get());
  }
}
