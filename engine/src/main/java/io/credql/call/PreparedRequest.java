package io.credql.call;

import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An HTTP request ready to send (before credentials are added), and the call it belongs to. */
public final class PreparedRequest {
  private final BoundCall call;
  private final String method;
  private final HttpUrl url;
  private final Map<String, String> headers;
  private final byte @Nullable [] body;

  PreparedRequest(BoundCall call, String method, HttpUrl url, Map<String, String> headers,
      byte @Nullable [] body) {
    this.call = requireNonNull(call, "call");
    this.method = requireNonNull(method, "method");
    this.url = requireNonNull(url, "url");
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  public BoundCall call() {
    return call;
  }

  public String method() {
    return method;
  }

  public HttpUrl url() {
    return url;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The JSON body, or null. */
  public byte @Nullable [] body() {
    return body;
  }

  /** The same request at another URL (the next page). */
  PreparedRequest withUrl(HttpUrl newUrl) {
    return new PreparedRequest(call, method, newUrl, headers, body);
  }

  /** The same request with other headers (a header page token). */
  PreparedRequest withHeader(String name, String value) {
    final java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, value);
    return new PreparedRequest(call, method, url, copy, body);
  }

  /** The same request with another body (a body page token). */
  PreparedRequest withBody(byte[] newBody) {
    return new PreparedRequest(call, method, url, headers, newBody);
  }

  @Override public String toString() {
    // the port too (a sandbox's or a proxy's), but not the query, which may hold a secret
    return method + " " + url.newBuilder().query(null).fragment(null).build();
  }
}
