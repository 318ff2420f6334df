package io.credql.sandbox;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The builder of a simulator that keeps time (issues and expires tokens, checks the dates of
 * signed requests): it also takes the clock the simulator reads.
 *
 * @param <B> the simulator's builder
 */
public abstract class ClockedSimulatorBuilder<B extends ClockedSimulatorBuilder<B>> extends SimulatorBuilder<B> {
  private Clock clock = Clock.systemUTC();

  /** @param type the simulator's builder class, which every setter returns */
  protected ClockedSimulatorBuilder(Class<B> type) {
    super(type);
  }

  /** The clock the simulator reads (the system's by default). */
  public final B clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return self();
  }

  /** The clock set, or the system's. */
  public final Clock clock() {
    return clock;
  }
}
