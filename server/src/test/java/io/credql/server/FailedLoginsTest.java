package io.credql.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Someone guessing passwords from one address is slowed down more with every guess; others are not. */
class FailedLoginsTest {
  @Test void afterFiveFailuresAnAddressWaitsLongerAfterEachFurtherOne() {
    final MovableClock clock = new MovableClock();
    final FailedLogins failures = new FailedLogins(clock);
    for (int i = 0; i < 4; i++) {
      failures.failed("10.0.0.9");
      assertFalse(failures.isPaused("10.0.0.9"), "the first failures cost nothing (a typo)");
    }
    failures.failed("10.0.0.9");
    assertTrue(failures.isPaused("10.0.0.9"));
    assertFalse(failures.isPaused("10.0.0.10"), "another address is not held back");
    clock.advance(Duration.ofMillis(1001));
    assertFalse(failures.isPaused("10.0.0.9"), "the first pause is a second");
    failures.failed("10.0.0.9");
    clock.advance(Duration.ofMillis(1500));
    assertTrue(failures.isPaused("10.0.0.9"), "the next pause is two seconds");
    for (int i = 0; i < 30; i++) {
      failures.failed("10.0.0.9");
    }
    clock.advance(FailedLogins.LONGEST_PAUSE.plusMillis(1));
    assertFalse(failures.isPaused("10.0.0.9"), "no pause is longer than five minutes");
    failures.succeeded("10.0.0.9");
    failures.failed("10.0.0.9");
    assertFalse(failures.isPaused("10.0.0.9"), "a success starts the count again");
  }
}
