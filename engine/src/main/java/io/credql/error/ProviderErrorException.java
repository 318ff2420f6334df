package io.credql.error;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A provider answered with an error. Carries the HTTP status (also the vendor code), the method
 * called and the provider's own code and message.
 */
public class ProviderErrorException extends CredqlException {
  private final int httpStatus;
  private final String method;
  private final @Nullable String providerCode;
  private final String providerMessage;

  public ProviderErrorException(String method, int httpStatus, @Nullable String providerCode,
      String providerMessage, String message) {
    super(message, sqlState(httpStatus), httpStatus, null);
    this.httpStatus = httpStatus;
    this.method = method;
    this.providerCode = providerCode;
    this.providerMessage = providerMessage;
  }

  private static String sqlState(int status) {
    if (status == 401 || status == 403) {
      return "28000";
    }
    if (status == 429) {
      return "08004";
    }
    return status >= 500 ? "08006" : "HY000";
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code provider.service.resource.method}. */
  public String method() {
    return method;
  }

  /** The provider's error code (e.g. {@code DBS.200086}), or null if it gave none. */
  public @Nullable String providerCode() {
    return providerCode;
  }

  public String providerMessage() {
    return providerMessage;
  }
}
