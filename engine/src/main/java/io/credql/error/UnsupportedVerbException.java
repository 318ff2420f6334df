package io.credql.error;

/** A SQL verb is used on a resource whose document does not map it to a method. */
public class UnsupportedVerbException extends CredqlException {
  public UnsupportedVerbException(String message) {
    super(message, "0A000");
  }
}
