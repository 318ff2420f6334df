package io.credql.spi;

import io.credql.error.MissingCredentialException;
import okhttp3.OkHttpClient;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The engine's side of the auth SPI as far as a scheme sees it, for tests of auth schemes: an
 * environment the test fills, an HTTP client, and the secrets the scheme registered.
 */
public final class RecordingAuthContext implements AuthContext {
  private final String providerName;
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> secrets = new ArrayList<>();
  private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();

  public RecordingAuthContext(String providerName) {
    this.providerName = requireNonNull(providerName, "providerName");
  }

  /** Sets an environment variable the scheme will read. */
  public RecordingAuthContext set(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** The values registered as secrets so far. */
  public List<String> secrets() {
    return secrets;
  }

  @Override public String providerName() {
    return providerName;
  }

  @Override public @Nullable String getenv(String name) {
    return environment.get(name);
  }

  @Override public String requireSecret(String name) throws MissingCredentialException {
    final String value = environment.get(name);
    if (value == null) {
      throw new MissingCredentialException("environment variable " + name + " is not set; nothing was sent");
    }
    secrets.add(value);
    return value;
  }

  @Override public OkHttpClient httpClient() {
    return client;
  }

  @Override public void registerSecret(String value) {
    secrets.add(value);
  }
}
