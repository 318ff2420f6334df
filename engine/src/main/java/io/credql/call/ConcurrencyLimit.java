package io.credql.call;

import java.util.concurrent.Semaphore;

/**
 * At most so many requests to one provider in flight at once (the connection's
 * {@code concurrency=}); waiters are served in arrival order.
 */
final class ConcurrencyLimit {
  private final Semaphore permits;

  ConcurrencyLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.permits = new Semaphore(limit, true);
  }

  /** Takes a place; the caller gives it back with {@link #release()} in a {@code finally}. */
  void acquire() throws InterruptedException {
    permits.acquire();
  }

  void release() {
    permits.release();
  }

  /** How many more requests may start now. */
  int available() {
    return permits.availablePermits();
  }
}
