package io.credql.call;

import org.junit.jupiter.api.Test;

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
    third.join(TimeUnit.MILLISECONDS.toMillis(100));
    assertFalse(started.get(), "the third waits while two are in flight");
    limit.release();
    third.join(5000);
    assertTrue(started.get(), "a finished request makes room");
  }

  @Test void aLimitBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0));
  }
}
