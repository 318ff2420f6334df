package io.credql.error;

/** A provider's response could not be read: malformed JSON, wrong content type, wrong types, cut short. */
public class ProviderResponseException extends CredqlException {
  public ProviderResponseException(String message) {
    super(message, "08P01");
  }

  public ProviderResponseException(String message, Throwable cause) {
    super(message, "08P01", 0, cause);
  }
}
