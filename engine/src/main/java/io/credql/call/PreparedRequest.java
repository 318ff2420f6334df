package io.credql.call;

import io.credql.spi.BoundCall;
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
  private final int page;
  private final long rowsBefore;

  PreparedRequest(BoundCall call, String method, HttpUrl url, Map<String, String> headers,
      byte @Nullable [] body) {
    this(call, method, url, headers, body, 1, 0);
  }

  private PreparedRequest(BoundCall call, String method, HttpUrl url, Map<String, String> headers,
      byte @Nullable [] body, int page, long rowsBefore) {
    this.call = requireNonNull(call, "call");
    this.method = requireNonNull(method, "method");
    this.url = requireNonNull(url, "url");
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.page = page;
    this.rowsBefore = rowsBefore;
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

  /** Which page of the call's answer this request asks for: 1 for the first request. */
  public int page() {
    return page;
  }

  /** How many rows the pages before this one returned. */
  long rowsBefore() {
    return rowsBefore;
  }

  /** The request for the page after this one. */
  PreparedRequest nextPage(HttpUrl newUrl, Map<String, String> newHeaders, byte @Nullable [] newBody) {
    return nextPage(newUrl, newHeaders, newBody, 0);
  }

  /** The request for the page after this one, which returned {@code rows} rows. */
  PreparedRequest nextPage(HttpUrl newUrl, Map<String, String> newHeaders, byte @Nullable [] newBody, int rows) {
    return new PreparedRequest(call, method, newUrl, newHeaders, newBody, page + 1, rowsBefore + rows);
  }

  /** The same request at another URL (a redirect on the same origin). */
  PreparedRequest withUrl(HttpUrl newUrl) {
    return new PreparedRequest(call, method, newUrl, headers, body, page, rowsBefore);
  }

  @Override public String toString() {
    return method + " " + SameOrigin.of(url) + url.encodedPath();
  }
}
