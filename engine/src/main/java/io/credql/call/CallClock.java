package io.credql.call;

import java.time.Duration;

/**
 * The time the call layer reads and the waits it makes (retry backoff, the 429 pause, the pauses
 * between polls of an asynchronous operation); tests give a virtual one so that waiting costs no
 * real time.
 */
public interface CallClock {
  /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
  CallClock SYSTEM = new CallClock() {
    @Override public long nanoTime() {
      return System.nanoTime();
    }

    @Override public void sleep(Duration duration) throws InterruptedException {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(Math.max(1, duration.toMillis()));
      }
    }
  };

  long nanoTime();

  void sleep(Duration duration) throws InterruptedException;

  /**
   * How long a call's {@code timeout} lasts in real time, as OkHttp, not this clock, waits it out:
   * the timeout itself, except on a test's clock, where stalls may cost less.
   */
  default Duration realTime(Duration timeout) {
    return timeout;
  }
}
