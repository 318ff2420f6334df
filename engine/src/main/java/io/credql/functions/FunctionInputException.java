package io.credql.functions;

import io.credql.error.InvalidInputException;

/** A function was given an argument it cannot work with (malformed JSON or JSON path, an unknown date modifier). */
final class FunctionInputException {
  private FunctionInputException() {
  }

  /** The unchecked error to throw from inside a running query; its message is what the user sees. */
  static RuntimeException of(String function, String problem) {
    return new InvalidInputException(function + "(): " + problem).unchecked();
  }
}
