package io.credql.registry;

import io.credql.error.CredqlException;

/**
 * A registry statement failed: the registry is unreachable, does not publish what was asked, or
 * answered with an artifact that is not a signed provider; nothing was installed.
 */
public class RegistryException extends CredqlException {
  public RegistryException(String message) {
    super(message, "58030");
  }

  public RegistryException(String message, Throwable cause) {
    super(message, "58030", 0, cause);
  }
}
