package io.credql.server;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** The authenticated user a request is being served for, and the address it came from. */
record Caller(ServerUser user, String address) {
  private static final ThreadLocal<@Nullable Caller> CURRENT = new ThreadLocal<>();

  Caller {
    requireNonNull(user, "user");
    requireNonNull(address, "address");
  }

  /** Runs {@code action} for this caller: {@link #current()} is this caller while it runs. */
  <T> T serve(Callable<T> action) throws Exception {
    CURRENT.set(this);
    try {
      return action.call();
    } finally {
      CURRENT.remove();
    }
  }

  /** The caller of the request this thread serves; an error if there is none (nothing runs unauthenticated). */
  static Caller current() {
    final Caller caller = CURRENT.get();
    if (caller == null) {
      throw new IllegalStateException("no authenticated user for this request");
    }
    return caller;
  }
}
