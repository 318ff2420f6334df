package io.credql.error;

/** A read could not reach the provider (connection refused, reset, timed out) after its retries. */
public class ProviderUnreachableException extends CredqlException {
  public ProviderUnreachableException(String message, Throwable cause) {
    super(message, "08001", 0, cause);
  }
}
