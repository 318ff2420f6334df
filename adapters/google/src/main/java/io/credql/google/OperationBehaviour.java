package io.credql.google;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a simulated instance's long-running operations end: done after some polls of
 * {@code operations.get}, failed with an error after them, or never done.
 */
public record OperationBehaviour(int pollsUntilDone, @Nullable String failureCode, @Nullable String failureMessage) {
  /** Done on the second poll: the first sees it RUNNING. */
  public static final OperationBehaviour QUICK = new OperationBehaviour(2, null, null);
  /** Stays RUNNING whatever the number of polls. */
  public static final OperationBehaviour NEVER_DONE = new OperationBehaviour(Integer.MAX_VALUE, null, null);

  public static OperationBehaviour doneAfter(int polls) {
    return new OperationBehaviour(polls, null, null);
  }

  public static OperationBehaviour failsAfter(int polls, String code, String message) {
    return new OperationBehaviour(polls, code, message);
  }

  boolean fails() {
    return failureCode != null;
  }
}
