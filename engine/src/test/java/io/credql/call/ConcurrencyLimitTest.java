package io.credql.call;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No more requests to one provider are in flight than the connection's concurrency allows. */
class ConcurrencyLimitTest {
  @Test void aRequestPastTheLimitWaitsForAPlace() throws InterruptedException {
    final ConcurrencyLimit limit = new ConcurrencyLimit(2);
    limit.acquire();
    limit.acquire();
    assertEquals(0, limit.available());
    final AtomicBoolean started = new AtomicBoolean();
    final Thread third = new Thread(() -> {
      try {
        limit.acquire();
        started.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    third.start();
    awaitWaiting(limit, 1);
    assertFalse(started.get(), "the third waits while two are in flight");
    limit.release();
    third.join(5000);
    assertTrue(started.get(), "a finished request makes room");
  }

  @Test void aQueryMakingOneCallIsServedBeforeTheRestOfAnotherQuerysWaitingFanOut() throws Exception {
    final ConcurrencyLimit limit = new ConcurrencyLimit(1);
    final Object fanOut = new Object();
    final Object lookup = new Object();
    limit.acquire("first", fanOut);
    final List<String> served = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      threads.add(waitFor(limit, fanOut, "fan-out call " + i, served));
      awaitWaiting(limit, i);
    }
    threads.add(waitFor(limit, lookup, "lookup", served));
    awaitWaiting(limit, 4);
    limit.release();
    for (Thread thread : threads) {
      thread.join(5000);
    }
    assertEquals(List.of("fan-out call 1", "lookup", "fan-out call 2", "fan-out call 3"), served,
        "a freed place goes to the waiting queries in turn");
    assertEquals(1, limit.available());
  }

  @Test void aRequestThatWaitedTooLongGivesUpItsTurnToTheNext() throws Exception {
    final ConcurrencyLimit limit = new ConcurrencyLimit(1, java.time.Duration.ofMillis(1));
    limit.acquire("first", new Object());
    assertThrows(io.credql.error.BudgetExhaustedException.class, () -> limit.acquire("late", new Object()));
    assertEquals(0, limit.waiting(), "the late request no longer waits");
    limit.release();
    assertEquals(1, limit.available(), "the freed place is free, not handed to the request that gave up");
  }

  @Test void aLimitBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0));
  }

  /** A started thread that takes a place for {@code query}, notes {@code name}, and gives it back. */
  private static Thread waitFor(ConcurrencyLimit limit, Object query, String name, List<String> served) {
    final Thread thread = new Thread(() -> {
      try {
        limit.acquire(name, query);
        served.add(name);
        limit.release();
      } catch (Exception e) {
        served.add(name + " failed: " + e);
      }
    });
    thread.start();
    return thread;
  }

  private static void awaitWaiting(ConcurrencyLimit limit, int count) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (limit.waiting() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(count, limit.waiting());
  }
}
