package io.credql.call;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.GraphQlQuery;
import io.credql.document.ParameterDefinition;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.ProviderResponseException;
import io.credql.schema.JsonSqlTypes;
import io.credql.spi.BoundCall;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of a GraphQL method ({@code x-stackQL-graphQL}) as any-sdk's {@code pkg/graphql}
 * makes them: each page POSTs {@code {"query": ...}}, the query template run over the statement's
 * inputs and the cursor (empty on the first page), to the method's URL without its query string;
 * the next page's cursor is read from the answer by the document's strategy. An answer carrying
 * GraphQL {@code errors} fails the query, even beside data, as any-sdk's strict policy does.
 */
final class GraphQlPages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GraphQlPages() {
  }

  /** The body of a page: the query over the call's inputs with {@code cursor}. */
  static byte[] body(BoundCall call, GraphQlQuery query, String cursor) throws InvalidInputException {
    final Map<String, String> inputs = new LinkedHashMap<>();
    for (ParameterDefinition input : call.method().inputs()) {
      final Object value = call.input(input.name());
      if (value != null) {
        inputs.put(input.name(), JsonSqlTypes.text(value));
      }
    }
    try {
      return query.body(inputs, cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(call.method().id() + " cannot be called: its GraphQL query cannot be"
          + " written from these values (" + e.getMessage() + "); nothing was sent");
    }
  }

  /**
   * Fails with the answer's GraphQL {@code errors} (their messages), if it has any.
   *
   * @param raw the body as received, before any {@code transform}
   */
  static void requireNoErrors(PreparedRequest request, InputStream raw) throws ProviderResponseException {
    JsonNode errors = null;
    try (JsonParser parser = JSON.getFactory().createParser(raw)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (errors == null && parser.nextToken() == JsonToken.FIELD_NAME) {
        final String field = parser.currentName();
        parser.nextToken();
        if ("errors".equals(field)) {
          errors = JSON.readTree(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return; // not JSON: the decoder says so
    }
    if (errors == null) {
      return;
    }
    if (!errors.isArray() || errors.isEmpty()) {
      return;
    }
    final List<String> messages = new ArrayList<>();
    for (JsonNode error : errors) {
      messages.add(error.path("message").isTextual() && !error.path("message").asText().isEmpty()
          ? error.path("message").asText() : error.toString());
    }
    throw new ProviderResponseException(request.call().method().id() + ": the provider answered with GraphQL"
        + " errors: " + String.join("; ", messages) + (request.call().method().isMutation()
            ? "; the request was sent: check what it changed before sending it again" : "; no rows were returned"));
  }

  /** The request for the next page, or null when the answer says there is none. */
  static @Nullable PreparedRequest next(PreparedRequest current, GraphQlQuery query, JsonNode answer, int rows,
      int pageLimit) throws CredqlException {
    final String cursor = cursor(current, query, answer, rows);
    if (cursor == null) {
      return null;
    }
    if (current.page() + 1 > pageLimit) {
      throw new ProviderResponseException(current.call().method().id()
          + ": the provider offers more than " + pageLimit + " pages; credql stops rather than return part"
          + " of the rows. Narrow the query or raise the connection property pageLimit=<pages>");
    }
    final byte[] body = body(current.call(), query, cursor);
    if (current.body() != null && Arrays.equals(current.body(), body)) {
      throw new ProviderResponseException(current.call().method().id()
          + ": the provider returned the same page cursor twice; stopping rather than looping");
    }
    return current.nextPage(current.url(), current.headers(), body, rows);
  }

  private static @Nullable String cursor(PreparedRequest current, GraphQlQuery query, JsonNode answer, int rows) {
    final String path = query.cursorPath();
    return switch (query.strategy()) {
      case OFFSET -> rows == 0 || (query.pageSize() > 0 && rows < query.pageSize()) ? null
          : query.cursor(JSON.getNodeFactory().numberNode(current.rowsBefore() + rows));
      case KEYSET -> rows == 0 || path == null ? null : cursorAt(query, answer, path);
      case PAGE_INFO -> morePages(query, answer) && path != null ? cursorAt(query, answer, path) : null;
      case CURSOR_AFTER -> path == null ? null : afterCursor(query, JsonPaths.read(answer, path));
    };
  }

  /** The cursor from the one value at {@code path}, or null when there is none (or it is not a scalar). */
  private static @Nullable String cursorAt(GraphQlQuery query, JsonNode answer, String path) {
    final JsonNode value = single(JsonPaths.read(answer, path));
    return value == null || (query.strategy() == GraphQlQuery.Strategy.PAGE_INFO && value.isContainerNode())
        ? null : query.cursor(value);
  }

  /** Whether the flag at {@code terminateOnJsonPath} says more pages follow: present and not false. */
  private static boolean morePages(GraphQlQuery query, JsonNode answer) {
    final String flagPath = query.terminateOnPath();
    final JsonNode flag = flagPath == null ? null : single(JsonPaths.read(answer, flagPath));
    return flag != null && !(flag.isBoolean() && !flag.asBoolean());
  }

  /** cursor_after: any-sdk goes on only while the path selects exactly one value. */
  private static @Nullable String afterCursor(GraphQlQuery query, @Nullable JsonNode selected) {
    if (selected == null || !selected.isArray() || selected.size() != 1 || selected.get(0).isNull()
        || selected.get(0).isContainerNode() || selected.get(0).asText().isEmpty()) {
      return null;
    }
    return query.cursor(selected.get(0));
  }

  /** The value, or the one value of a one-element list (a path such as {@code [-1:].x}); null otherwise. */
  private static @Nullable JsonNode single(@Nullable JsonNode value) {
    if (value != null && value.isArray()) {
      return value.size() == 1 && !value.get(0).isNull() ? value.get(0) : null;
    }
    return value == null || value.isNull() ? null : value;
  }
}
