package io.credql.audit;

import io.credql.error.CredqlException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The audit log could not record an event. Its message says what is known of the call it was
 * recording: not sent (the intent could not be written), or sent, with its outcome.
 */
public final class AuditWriteException extends CredqlException {
  AuditWriteException(String message, @Nullable Throwable cause) {
    super(message, "58030", 0, cause);
  }
}
