package io.credql.error;

/** A statement does not bind every parameter the resource's methods need. */
public class RequiredParameterMissingException extends CredqlException {
  public RequiredParameterMissingException(String message) {
    super(message, "07001");
  }
}
