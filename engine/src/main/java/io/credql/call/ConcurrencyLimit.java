package io.credql.call;

import io.credql.error.BudgetExhaustedException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most so many requests to one provider in flight at once (the connection's
 * {@code concurrency=}); waiters are served in arrival order, for as long as they like or, for a
 * budget shared by a server's clients, at most a bounded wait.
 */
final class ConcurrencyLimit {
  private final Semaphore permits;
  private final int limit;
  private final @Nullable Duration maxWait;

  ConcurrencyLimit(int limit) {
    this(limit, null);
  }

  /** @param maxWait the longest a request waits for its place, or null to wait as long as it takes */
  ConcurrencyLimit(int limit, @Nullable Duration maxWait) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.permits = new Semaphore(limit, true);
    this.limit = limit;
    this.maxWait = maxWait;
  }

  /** Takes a place, waiting as long as it takes; the caller gives it back with {@link #release()}. */
  void acquire() throws InterruptedException {
    permits.acquire();
  }

  /**
   * Takes a place; the caller gives it back with {@link #release()} in a {@code finally}. With a
   * bounded wait, a request that gets no place in time fails, and {@code what} names it.
   */
  void acquire(String what) throws InterruptedException, BudgetExhaustedException {
    if (maxWait == null) {
      permits.acquire();
    } else if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new BudgetExhaustedException(what + ": all " + limit + " places of the provider's shared"
          + " budget stayed in use by other clients for " + maxWait.toSeconds() + " s; nothing was sent."
          + " Try again later, or raise the server's concurrency=");
    }
  }

  void release() {
    permits.release();
  }

  /** How many more requests may start now. */
  int available() {
    return permits.availablePermits();
  }
}
