package io.credql.call;

import io.credql.error.ProviderResponseException;
import okhttp3.Headers;
import okhttp3.Response;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * A response as received: status, headers and its body, kept as its bytes (see
 * {@link ResponseContent}) or found unreadable (too large).
 */
public final class HttpExchange {
  private final PreparedRequest request;
  private final int status;
  private final String reason;
  private final Headers headers;
  private final ResponseContent content;
  private final @Nullable ProviderResponseException unreadable;

  HttpExchange(PreparedRequest request, int status, String reason, Headers headers, byte[] body) {
    this(request, status, reason, headers, ResponseContent.of(body), null);
  }

  private HttpExchange(PreparedRequest request, int status, @Nullable String reason, Headers headers,
      ResponseContent content, @Nullable ProviderResponseException unreadable) {
    this.request = requireNonNull(request, "request");
    this.status = status;
    this.reason = reason == null ? "" : reason;
    this.headers = requireNonNull(headers, "headers");
    this.content = requireNonNull(content, "content");
    this.unreadable = unreadable;
  }

  static HttpExchange bytes(PreparedRequest request, Response response, byte[] body) {
    return read(request, response, ResponseContent.of(body));
  }

  static HttpExchange read(PreparedRequest request, Response response, ResponseContent content) {
    return new HttpExchange(request, response.code(), response.message(), response.headers(), content, null);
  }

  static HttpExchange unreadable(PreparedRequest request, Response response, ProviderResponseException problem) {
    return new HttpExchange(request, response.code(), response.message(), response.headers(),
        ResponseContent.EMPTY, problem);
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

  /** The body's bytes as one array (for error bodies and other small ones; rows are read from {@link #content()}). */
  public byte[] body() {
    return content.bytes();
  }

  /**
   * The body as received.
   *
   * @throws ProviderResponseException if it could not be read whole (it passed the size limit)
   */
  ResponseContent content() throws ProviderResponseException {
    if (unreadable != null) {
      throw unreadable;
    }
    return content;
  }

  public @Nullable String contentType() {
    return headers.get("Content-Type");
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
