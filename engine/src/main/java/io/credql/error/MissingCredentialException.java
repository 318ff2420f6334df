package io.credql.error;

/** A provider's credential (an environment variable) is not set; no request was sent. */
public class MissingCredentialException extends CredqlException {
  public MissingCredentialException(String message) {
    super(message, "28000");
  }
}
