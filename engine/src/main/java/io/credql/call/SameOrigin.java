package io.credql.call;

import io.credql.error.ProviderResponseException;
import okhttp3.HttpUrl;

/**
 * The rule that keeps credentials with the server they belong to: a next-page URL or a redirect
 * is followed only when it has the same scheme, host and port as the request that led to it.
 */
final class SameOrigin {
  private SameOrigin() {
  }

  static boolean matches(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  /** {@code scheme://host:port} of {@code url}: what an error may show (never the path or query). */
  static String of(HttpUrl url) {
    final String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.scheme() + "://" + host + ":" + url.port();
  }

  /**
   * {@code target}, if it is on the origin of {@code from}; otherwise an error saying that
   * {@code what} pointed elsewhere and nothing was sent there.
   */
  static HttpUrl require(HttpUrl from, HttpUrl target, String methodId, String what)
      throws ProviderResponseException {
    if (!matches(from, target)) {
      throw new ProviderResponseException(methodId + ": " + what + " points to " + of(target)
          + ", another server than the one called (" + of(from) + "); credql follows such links only"
          + " on the same scheme, host and port, so nothing was sent there and no rows are returned");
    }
    return target;
  }
}
