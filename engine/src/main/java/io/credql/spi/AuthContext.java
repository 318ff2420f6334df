package io.credql.spi;

import io.credql.error.MissingCredentialException;
import okhttp3.OkHttpClient;
import org.checkerframework.checker.nullness.qual.Nullable;

/** What an auth scheme may use: the connection's environment, an HTTP client, the secret registry. */
public interface AuthContext {
  /** The provider being authenticated to. */
  String providerName();

  /** An environment variable, or null if unset. */
  @Nullable String getenv(String name);

  /**
   * An environment variable that must be set; its value is registered as a secret.
   *
   * @throws MissingCredentialException naming the variable and the provider, if it is unset
   */
  String requireSecret(String name) throws MissingCredentialException;

  /** A client without credentials, for token endpoints; requests through it are never retried blindly. */
  OkHttpClient httpClient();

  /** Remembers a secret value (an issued token) so that it is masked everywhere. */
  void registerSecret(String value);
}
