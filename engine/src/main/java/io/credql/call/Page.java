package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import okhttp3.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One response's rows, the whole response, and the request for the next page (null on the last).
 * The rows of a large listing are decoded as they are walked (see {@link #rowsAsRead()}), so a page
 * holds its body's bytes, not a tree of them.
 */
public final class Page {
  private final Iterable<JsonNode> rows;
  private final Supplier<@Nullable JsonNode> response;
  private final @Nullable PreparedRequest next;
  private final int status;
  private final Headers headers;

  Page(List<JsonNode> rows, @Nullable JsonNode response, @Nullable PreparedRequest next, int status) {
    this(List.copyOf(rows), () -> response, next, status, Headers.of());
  }

  Page(Iterable<JsonNode> rows, Supplier<@Nullable JsonNode> response, @Nullable PreparedRequest next,
      int status, Headers headers) {
    this.rows = requireNonNull(rows, "rows");
    this.response = requireNonNull(response, "response");
    this.next = next;
    this.status = status;
    this.headers = requireNonNull(headers, "headers");
  }

  /** A response without rows or body: nothing found, nothing to show, or no content. */
  static Page empty(int status) {
    return new Page(List.of(), null, null, status);
  }

  /** Rows selected by the method's {@code objectKey}, all decoded; empty when the resource was not found. */
  public List<JsonNode> rows() {
    return rows instanceof List ? (List<JsonNode>) rows : ImmutableList.copyOf(rows);
  }

  /** The same rows, each decoded when the iterator reaches it: how a scan reads a listing. */
  public Iterator<JsonNode> rowsAsRead() {
    return rows.iterator();
  }

  /** The parsed response body, or null when it was empty or the resource was not found. */
  public @Nullable JsonNode response() {
    return response.get();
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
