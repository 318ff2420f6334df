package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

/** One response's rows, the whole response, and the request for the next page (null on the last). */
public final class Page {
  private final List<JsonNode> rows;
  private final @Nullable JsonNode response;
  private final @Nullable PreparedRequest next;
  private final int status;
  private final Headers headers;

  Page(List<JsonNode> rows, @Nullable JsonNode response, @Nullable PreparedRequest next, int status) {
    this(rows, response, next, status, Headers.of());
  }

  Page(List<JsonNode> rows, @Nullable JsonNode response, @Nullable PreparedRequest next, int status,
      Headers headers) {
    this.rows = List.copyOf(rows);
    this.response = response;
    this.next = next;
    this.status = status;
    this.headers = headers;
  }

  /** A response without rows or body: nothing found, nothing to show, or no content. */
  static Page empty(int status) {
    return new Page(List.of(), null, null, status);
  }

  /** Rows selected by the method's {@code objectKey}; empty when the resource was not found. */
  public List<JsonNode> rows() {
    return rows;
  }

  /** The parsed response body, or null when it was empty or the resource was not found. */
  public @Nullable JsonNode response() {
    return response;
  }

  public @Nullable PreparedRequest next() {
    return next;
  }

  /** The HTTP status of the response. */
  public int status() {
    return status;
  }

  /** The response's headers, kept for a mutation (where an asynchronous operation is announced). */
  public Headers headers() {
    return headers;
  }
}
