package io.credql.error;

/** A statement names a provider, service, resource or method that does not exist. */
public class UnknownObjectException extends CredqlException {
  public UnknownObjectException(String message) {
    super(message, "42S02");
  }
}
