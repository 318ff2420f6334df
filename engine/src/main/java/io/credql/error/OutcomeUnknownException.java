package io.credql.error;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A mutation may or may not have been applied: the connection failed after the request may have
 * left, or an answer (a gateway's error, a redirect) does not say. It is never re-sent; the message
 * says how to check.
 */
public class OutcomeUnknownException extends CredqlException {
  public OutcomeUnknownException(String message, @Nullable Throwable cause) {
    this(message, 0, cause);
  }

  /** {@code httpStatus}: the answer that does not tell the outcome (a 5xx, a redirect), its vendor code. */
  public OutcomeUnknownException(String message, int httpStatus, @Nullable Throwable cause) {
    super(message, "08007", httpStatus, cause);
  }
}
