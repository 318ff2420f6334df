package io.credql.shell;

import java.util.concurrent.TimeUnit;

/** Waiting in tests that drive a shell process: polls a condition until it holds or time runs out. */
final class Waits {
  /** What a test waits for. */
  interface Condition {
    boolean holds() throws Exception;
  }

  private Waits() {
  }

  static void waitFor(Condition condition, int seconds) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }
}
