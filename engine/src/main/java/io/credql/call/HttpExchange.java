package io.credql.call;

import okhttp3.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/** A response as received: status, headers and the whole body. */
public final class HttpExchange {
  private final PreparedRequest request;
  private final int status;
  private final String reason;
  private final Headers headers;
  private final byte[] body;

  HttpExchange(PreparedRequest request, int status, String reason, Headers headers, byte[] body) {
    this.request = requireNonNull(request, "request");
    this.status = status;
    this.reason = reason == null ? "" : reason;
    this.headers = requireNonNull(headers, "headers");
    this.body = requireNonNull(body, "body");
  }

  public PreparedRequest request() {
    return request;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public Headers headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public @Nullable String contentType() {
    return headers.get("Content-Type");
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
