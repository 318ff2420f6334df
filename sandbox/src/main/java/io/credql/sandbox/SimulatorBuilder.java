package io.credql.sandbox;

import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * The option every simulator's builder takes alike: how many requests the journal keeps. Each
 * setter returns the simulator's own builder, so its own options follow.
 *
 * @param <B> the simulator's builder
 */
public abstract class SimulatorBuilder<B extends SimulatorBuilder<B>> {
  private final Class<B> type;
  private @Nullable Integer journalLimit;

  /** @param type the simulator's builder class, which every setter returns */
  protected SimulatorBuilder(Class<B> type) {
    this.type = requireNonNull(type, "type");
  }

  /** Keeps only the latest {@code entries} requests in the journal (all by default); for long-lived sandboxes. */
  public final B requestJournalLimit(int entries) {
    this.journalLimit = SimulatedApi.journalLimit(entries);
    return self();
  }

  /** This builder, as the simulator's own builder type. */
  protected final B self() {
    return type.cast(this);
  }

  /** The most requests the journal keeps, or null for all. */
  public final @Nullable Integer journalLimit() {
    return journalLimit;
  }
}
