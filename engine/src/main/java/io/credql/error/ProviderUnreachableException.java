package io.credql.error;

import org.checkerframework.checker.nullness.qual.Nullable;

/** A read could not reach the provider (connection refused, reset, timed out) after its retries. */
public class ProviderUnreachableException extends CredqlException {
  public ProviderUnreachableException(String message, @Nullable Throwable cause) {
    super(message, "08001", 0, cause);
  }
}
