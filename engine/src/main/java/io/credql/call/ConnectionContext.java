package io.credql.call;

import io.credql.config.ConnectionProperties;
import io.credql.config.Environment;
import io.credql.redact.Redactor;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.OkHttpClient;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

/**
 * What a {@link ProviderClient} uses of the connection it belongs to. The connection's session
 * implements it, so that the call layer sits below the session and never reaches up into it.
 */
public interface ConnectionContext {
  /** credql's version, as the JDBC driver reports it and every request's {@code User-Agent} says. */
  String VERSION = "0.1.0";

  ConnectionProperties properties();

  /** The environment credentials and {@code x-stackQL-envVar} defaults are read from. */
  Environment environment();

  /** Masks the secrets this connection has seen, wherever text leaves it. */
  Redactor redactor();

  /** The connection's one HTTP client, which every provider client builds on. */
  OkHttpClient httpClient();

  /** The base URL replacing the document's servers for {@code provider.service}, or null. */
  @Nullable String baseUrl(String provider, String service);

  /** The auth scheme of {@code type} (as {@code provider.yaml} names it), or null if no adapter provides it. */
  @Nullable AuthSchemeFactory authSchemeFactory(String type);

  /** Every auth scheme type the adapters on the class path provide. */
  List<String> authSchemeTypes();

  /** The clock the waits of this connection's calls run on (retry backoff, the pause after a 429). */
  CallClock clock();
}
