package io.credql.error;

/**
 * A call found no place in its provider's shared budget within its wait: the other clients of a
 * {@code credql serve} server hold every place. Nothing was sent.
 */
public class BudgetExhaustedException extends CredqlException {
  public BudgetExhaustedException(String message) {
    super(message, "53300");
  }
}
