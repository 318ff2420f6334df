package io.credql.error;

/**
 * A mutation may or may not have been applied: the connection failed after the request may have
 * left. It is never re-sent; the message says how to check.
 */
public class OutcomeUnknownException extends CredqlException {
  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, "08007", 0, cause);
  }
}
