package io.credql.huaweicloud;

import io.credql.error.MissingCredentialException;
import io.credql.spi.AuthContext;
import okhttp3.OkHttpClient;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An {@link AuthContext} whose environment is a map, for signing requests outside a connection. */
final class KeysInEnvironment implements AuthContext {
  private final Map<String, String> environment;
  final List<String> registeredSecrets = new ArrayList<>();

  KeysInEnvironment(Map<String, String> environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  /** An environment holding {@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK}. */
  static KeysInEnvironment of(String accessKey, String secretKey) {
    return new KeysInEnvironment(Map.of(AkSkAuthScheme.DEFAULT_AK_VARIABLE, accessKey,
        AkSkAuthScheme.DEFAULT_SK_VARIABLE, secretKey));
  }

  @Override public String providerName() {
    return "huaweicloud";
  }

  @Override public @Nullable String getenv(String name) {
    return environment.get(name);
  }

  @Override public String requireSecret(String name) throws MissingCredentialException {
    final String value = environment.get(name);
    if (value == null) {
      throw new MissingCredentialException("environment variable " + name + " is not set");
    }
    registeredSecrets.add(value);
    return value;
  }

  @Override public OkHttpClient httpClient() {
    return new OkHttpClient();
  }

  @Override public void registerSecret(String value) {
    registeredSecrets.add(value);
  }
}
