package io.credql.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a statement's preparation on a thread with a deep stack, for statements the caller's thread
 * ran out of stack on: Calcite's parser, validator and planner recurse once per level of an
 * expression, so two thousand {@code OR} terms or a thousand nested parentheses need far more
 * stack than a thread gets by default. The stack is reserved, not used, until it is needed.
 */
final class DeepStack {
  /** Stack of the preparing thread; Linux commits its pages only as they are touched. */
  private static final long STACK_BYTES = 512L * 1024 * 1024;

  private DeepStack() {
  }

  /** What {@code work} returns, computed on a thread of its own with a deep stack; its errors are rethrown here. */
  static <T> T call(Supplier<T> work) {
    final AtomicReference<T> result = new AtomicReference<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Thread thread = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "credql-deep-prepare", STACK_BYTES);
    thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing a statement", e);
    }
    final Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException) {
      throw (RuntimeException) thrown;
    }
    if (thrown instanceof Error) {
      throw (Error) thrown;
    }
    if (thrown != null) {
      throw new IllegalStateException(thrown);
    }
    // no failure, so work.get() returned its (non-null) result
    return requireNonNull(result.get(), "result");
  }
}
