package io.credql.call;

import io.credql.error.BudgetExhaustedException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most so many requests to one provider in flight at once (the connection's
 * {@code concurrency=}), shared fairly between the queries that wait: a freed place goes to the
 * queries in turn, each query's requests in arrival order, so a query making one call at a time is
 * not queued behind the hundreds a large fan-out keeps waiting. Waiters wait for as long as they
 * like or, for a budget shared by a server's clients, at most a bounded wait.
 */
final class ConcurrencyLimit {
  private final int limit;
  private final @Nullable Duration maxWait;
  private final ReentrantLock lock = new ReentrantLock();
  /** Waiting requests by query, in the order the queries are served next; guarded by lock. */
  private final Map<Object, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();
  /** Free places; guarded by lock, and only above zero while nobody waits. */
  private int available;

  /** A request waiting for a place, which {@link #release()} hands it directly. */
  private static final class Waiter {
    final Condition placed;
    boolean granted;

    Waiter(Condition placed) {
      this.placed = placed;
    }
  }

  ConcurrencyLimit(int limit) {
    this(limit, null);
  }

  /** @param maxWait the longest a request waits for its place, or null to wait as long as it takes */
  ConcurrencyLimit(int limit, @Nullable Duration maxWait) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
    this.available = limit;
    this.maxWait = maxWait;
  }

  /** Takes a place for a query of its own, waiting as long as it takes; give it back with {@link #release()}. */
  void acquire() throws InterruptedException {
    if (!take(new Object(), null)) {
      throw new IllegalStateException("an unbounded wait ended without a place");
    }
  }

  /** {@link #acquire(String, Object)} for a request that is a query of its own. */
  void acquire(String what) throws InterruptedException, BudgetExhaustedException {
    acquire(what, new Object());
  }

  /**
   * Takes a place for a request of {@code query} (any object standing for one query's execution);
   * the caller gives it back with {@link #release()} in a {@code finally}. With a bounded wait, a
   * request that gets no place in time fails, and {@code what} names it.
   */
  void acquire(String what, Object query) throws InterruptedException, BudgetExhaustedException {
    if (!take(query, maxWait)) {
      throw new BudgetExhaustedException(what + ": all " + limit + " places of the provider's shared"
          + " budget stayed in use by other clients for " + (maxWait == null ? 0 : maxWait.toSeconds())
          + " s; nothing was sent. Try again later, or raise the server's concurrency=");
    }
  }

  /** Whether a place was taken within {@code wait} (null: as long as it takes). */
  private boolean take(Object query, @Nullable Duration wait) throws InterruptedException {
    lock.lock();
    try {
      if (available > 0) {
        available--;
        return true;
      }
      final Waiter waiter = new Waiter(lock.newCondition());
      waiting.computeIfAbsent(query, q -> new ArrayDeque<>()).add(waiter);
      long nanos = wait == null ? Long.MAX_VALUE : wait.toNanos();
      try {
        while (!waiter.granted) {
          if (nanos <= 0) {
            forget(query, waiter);
            return false;
          }
          if (wait == null) {
            waiter.placed.await();
          } else {
            nanos = waiter.placed.awaitNanos(nanos);
          }
        }
        return true;
      } catch (InterruptedException e) {
        if (waiter.granted) {
          // the place came with the interrupt: pass it on rather than lose it
          handOver();
        } else {
          forget(query, waiter);
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void forget(Object query, Waiter waiter) {
    final ArrayDeque<Waiter> queue = waiting.get(query);
    if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
      waiting.remove(query);
    }
  }

  void release() {
    lock.lock();
    try {
      handOver();
    } finally {
      lock.unlock();
    }
  }

  /** Gives a freed place to the next query in turn (which then goes to the back), or keeps it free. */
  private void handOver() {
    final Iterator<Map.Entry<Object, ArrayDeque<Waiter>>> queries = waiting.entrySet().iterator();
    if (!queries.hasNext()) {
      available++;
      return;
    }
    final Map.Entry<Object, ArrayDeque<Waiter>> next = queries.next();
    queries.remove();
    final Waiter waiter = next.getValue().poll();
    if (!next.getValue().isEmpty()) {
      waiting.put(next.getKey(), next.getValue());
    }
    if (waiter == null) {
      handOver();
      return;
    }
    waiter.granted = true;
    waiter.placed.signal();
  }

  /** How many more requests may start now. */
  int available() {
    lock.lock();
    try {
      return available;
    } finally {
      lock.unlock();
    }
  }

  /** How many requests wait for a place (for tests). */
  int waiting() {
    lock.lock();
    try {
      int count = 0;
      for (ArrayDeque<Waiter> queue : waiting.values()) {
        count += queue.size();
      }
      return count;
    } finally {
      lock.unlock();
    }
  }
}
