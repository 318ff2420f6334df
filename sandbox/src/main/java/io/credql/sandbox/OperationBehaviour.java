package io.credql.sandbox;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a simulator's long-running operations end (a Cloud SQL operation, an Azure asynchronous
 * operation), chosen by its demo data: done after some polls, failed with an error after them, or
 * never done, so that awaiting them can be tested each way.
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

  public boolean fails() {
    return failureCode != null;
  }
}
