package io.credql.call;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link CallClock} whose sleeps move its time forward at once: waits in tests cost no real time. */
final class VirtualClock implements CallClock {
  private final AtomicLong now = new AtomicLong();
  private final AtomicLong slept = new AtomicLong();

  @Override public long nanoTime() {
    return now.get();
  }

  @Override public void sleep(Duration duration) {
    now.addAndGet(duration.toNanos());
    slept.addAndGet(duration.toNanos());
  }

  /** The total of every wait so far. */
  Duration slept() {
    return Duration.ofNanos(slept.get());
  }
}
