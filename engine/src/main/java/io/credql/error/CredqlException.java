package io.credql.error;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An error credql reports to the user. Its message is complete and safe to show: it names the
 * problem and what to do about it, and it contains no secret.
 */
public class CredqlException extends SQLException {
  public CredqlException(String message, String sqlState) {
    super(message, sqlState);
  }

  public CredqlException(String message, String sqlState, int vendorCode, @Nullable Throwable cause) {
    super(message, sqlState, vendorCode, cause);
  }

  /** This error wrapped for code paths that cannot throw checked exceptions (enumerators, planner rules). */
  public Unchecked unchecked() {
    return new Unchecked(this);
  }

  /**
   * Finds a credql error in {@code t}, its causes or their suppressed exceptions (where Calcite
   * puts an error raised while implementing a plan), or returns null.
   */
  public static @Nullable CredqlException find(@Nullable Throwable t) {
    return find(t, 0);
  }

  private static @Nullable CredqlException find(@Nullable Throwable t, int depth) {
    for (Throwable cause = t; cause != null && depth < 16; cause = cause.getCause(), depth++) {
      if (cause instanceof CredqlException) {
        return (CredqlException) cause;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        final CredqlException found = find(suppressed, depth + 1);
        if (found != null) {
          return found;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** Carries a {@link CredqlException} through code that only throws unchecked exceptions. */
  public static final class Unchecked extends RuntimeException {
    private Unchecked(CredqlException cause) {
      super(cause.getMessage(), cause);
    }

    @Override public synchronized CredqlException getCause() {
      // never null: the constructor sets the cause, and a set cause cannot be changed
      return (CredqlException) requireNonNull(super.getCause(), "cause");
    }
  }
}
