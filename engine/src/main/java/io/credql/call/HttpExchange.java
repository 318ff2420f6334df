package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.error.ProviderResponseException;
import okhttp3.Headers;
import okhttp3.Response;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * A response as received: status, headers and its body, either parsed as it arrived (a
 * successful JSON body), read as bytes, or found unreadable (too large, not JSON).
 */
public final class HttpExchange {
  private final PreparedRequest request;
  private final int status;
  private final String reason;
  private final Headers headers;
  private final byte[] body;
  private final @Nullable JsonNode json;
  private final @Nullable ProviderResponseException unreadable;

  HttpExchange(PreparedRequest request, int status, String reason, Headers headers, byte[] body) {
    this(request, status, reason, headers, body, null, null);
  }

  private HttpExchange(PreparedRequest request, int status, @Nullable String reason, Headers headers,
      byte[] body, @Nullable JsonNode json, @Nullable ProviderResponseException unreadable) {
    this.request = requireNonNull(request, "request");
    this.status = status;
    this.reason = reason == null ? "" : reason;
    this.headers = requireNonNull(headers, "headers");
    this.body = requireNonNull(body, "body");
    this.json = json;
    this.unreadable = unreadable;
  }

  static HttpExchange bytes(PreparedRequest request, Response response, byte[] body) {
    return new HttpExchange(request, response.code(), response.message(), response.headers(), body, null, null);
  }

  static HttpExchange json(PreparedRequest request, Response response, @Nullable JsonNode json) {
    return new HttpExchange(request, response.code(), response.message(), response.headers(), new byte[0],
        json, null);
  }

  static HttpExchange unreadable(PreparedRequest request, Response response, ProviderResponseException problem) {
    return new HttpExchange(request, response.code(), response.message(), response.headers(), new byte[0],
        null, problem);
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

  /** The body's bytes; empty when the body was parsed as it arrived (see {@link #json()}). */
  public byte[] body() {
    return body;
  }

  /**
   * The successful JSON body, parsed as it arrived; null when it was empty or not parsed here.
   *
   * @throws ProviderResponseException if the body was too large or not valid JSON
   */
  public @Nullable JsonNode json() throws ProviderResponseException {
    if (unreadable != null) {
      throw unreadable;
    }
    return json;
  }

  /** Whether the body was parsed as JSON as it arrived (so {@link #body()} is empty). */
  public boolean isParsed() {
    return json != null || unreadable != null;
  }

  public @Nullable String contentType() {
    return headers.get("Content-Type");
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
