package io.credql.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A throttled provider is paused as a whole, for as long as it asked and never less. */
class RateGateTest {
  @Test void anOpenGateLetsRequestsThroughWithoutWaiting() throws InterruptedException {
    final VirtualClock clock = new VirtualClock();
    new RateGate(clock).awaitOpen();
    assertEquals(Duration.ZERO, clock.slept());
  }

  @Test void aPauseHoldsEveryoneBackUntilItEnds() throws InterruptedException {
    final VirtualClock clock = new VirtualClock();
    final RateGate gate = new RateGate(clock);
    gate.pause(Duration.ofSeconds(30));
    gate.awaitOpen();
    assertEquals(Duration.ofSeconds(30), clock.slept());
    gate.awaitOpen();
    assertEquals(Duration.ofSeconds(30), clock.slept(), "open again once the pause is over");
  }

  @Test void aShorterPauseNeverShortensALongerOne() throws InterruptedException {
    final VirtualClock clock = new VirtualClock();
    final RateGate gate = new RateGate(clock);
    gate.pause(Duration.ofSeconds(10));
    gate.pause(Duration.ofSeconds(1));
    gate.awaitOpen();
    assertEquals(Duration.ofSeconds(10), clock.slept());
  }
}
