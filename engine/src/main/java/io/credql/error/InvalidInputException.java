package io.credql.error;

/** A value given in a statement (a parameter, a body, a name) is not acceptable; nothing was sent. */
public class InvalidInputException extends CredqlException {
  public InvalidInputException(String message) {
    super(message, "22023");
  }
}
