package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An operation's {@code x-stackQL-graphQL}: the GraphQL query its method POSTs, a Go template over
 * the statement's inputs and {@code .cursor}, where the rows of the answer are
 * ({@code responseSelection.jsonPath}), and how the next page's {@code .cursor} is written
 * ({@code cursor}: {@code strategy} {@code cursor_after} (the default), {@code page_info},
 * {@code keyset} or {@code offset}, with {@code jsonPath}, {@code format}, {@code terminateOnJsonPath}
 * and {@code pageSize}), as any-sdk's {@code pkg/graphql} reads it (its spec names the block only).
 */
public final class GraphQlQuery {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the cursor of the next page is found, as any-sdk's {@code CursorStrategy}. */
  public enum Strategy {
    /** {@code , after: "<value at jsonPath>"} while the path holds exactly one value. */
    CURSOR_AFTER,
    /** As {@link #CURSOR_AFTER}, while the flag at {@code terminateOnJsonPath} is not false. */
    PAGE_INFO,
    /** {@code format} over the last row's sort key, while a page has rows. */
    KEYSET,
    /** {@code , offset: <rows so far>}, while a page has rows (and, with {@code pageSize}, is full). */
    OFFSET
  }

  private final GoTemplate query;
  private final @Nullable String httpVerb;
  private final @Nullable String responseSelection;
  private final Strategy strategy;
  private final @Nullable String cursorPath;
  private final @Nullable GoTemplate cursorFormat;
  private final @Nullable String terminateOnPath;
  private final int pageSize;

  private GraphQlQuery(GoTemplate query, @Nullable String httpVerb, @Nullable String responseSelection,
      Strategy strategy, @Nullable String cursorPath, @Nullable GoTemplate cursorFormat,
      @Nullable String terminateOnPath, int pageSize) {
    this.query = requireNonNull(query, "query");
    this.httpVerb = httpVerb;
    this.responseSelection = responseSelection;
    this.strategy = requireNonNull(strategy, "strategy");
    this.cursorPath = cursorPath;
    this.cursorFormat = cursorFormat;
    this.terminateOnPath = terminateOnPath;
    this.pageSize = pageSize;
  }

  /**
   * Reads the block at {@code pointer}.
   *
   * @throws InvalidDocumentException when it has no query, a template credql cannot run, or a cursor
   *     strategy any-sdk does not know (or one without what it needs)
   */
  static GraphQlQuery read(JsonNode node, ServiceDocument service, String pointer) {
    final String text = ProviderDocument.text(node, "query");
    if (text == null) {
      throw service.invalid(pointer + "/query", "x-stackQL-graphQL needs the GraphQL query to send");
    }
    final JsonNode cursor = node.path("cursor");
    final String strategyName = ProviderDocument.text(cursor, "strategy");
    final Strategy strategy;
    try {
      strategy = strategyName == null ? Strategy.CURSOR_AFTER
          : Strategy.valueOf(strategyName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw service.invalid(pointer + "/cursor/strategy", "unknown cursor strategy '" + strategyName
          + "' (known: cursor_after, page_info, keyset, offset)");
    }
    final String format = ProviderDocument.text(cursor, "format");
    final String terminateOn = ProviderDocument.text(cursor, "terminateOnJsonPath");
    if (strategy == Strategy.KEYSET && format == null) {
      throw service.invalid(pointer + "/cursor", "cursor strategy keyset needs a format template");
    }
    if (strategy == Strategy.PAGE_INFO && terminateOn == null) {
      throw service.invalid(pointer + "/cursor", "cursor strategy page_info needs terminateOnJsonPath");
    }
    return new GraphQlQuery(template(text, service, pointer + "/query"), ProviderDocument.text(node, "httpVerb"),
        ProviderDocument.text(node.path("responseSelection"), "jsonPath"), strategy,
        ProviderDocument.text(cursor, "jsonPath"),
        format == null ? null : template(format, service, pointer + "/cursor/format"), terminateOn,
        cursor.path("pageSize").asInt(0));
  }

  private static GoTemplate template(String text, ServiceDocument service, String pointer) {
    try {
      return GoTemplate.parse(text);
    } catch (IllegalArgumentException e) {
      throw service.invalid(pointer, "a Go template credql cannot run: " + e.getMessage());
    }
  }

  /**
   * The JSON request body, {@code {"query": ...}}: the query run over {@code inputs} (input name →
   * its text) with {@code .cursor} set to {@code cursor}, its line breaks taken out as any-sdk does.
   *
   * @throws IllegalArgumentException when the template cannot be run over these inputs, saying why
   */
  public byte[] body(Map<String, String> inputs, String cursor) {
    final Map<String, @Nullable Object> data = new HashMap<>(inputs);
    data.put("cursor", cursor);
    final String text = query.execute(data).replace("\n", "");
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("query", text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON object of one string is always written", e);
    }
  }

  /** The HTTP method to send with, or null for the operation's. */
  public @Nullable String httpVerb() {
    return httpVerb == null ? null : httpVerb.toUpperCase(Locale.ROOT);
  }

  /** The JSONPath of the rows in the answer, or null. */
  public @Nullable String responseSelection() {
    return responseSelection;
  }

  public Strategy strategy() {
    return strategy;
  }

  /** The JSONPath of the cursor's value ({@code cursor.jsonPath}), or null. */
  public @Nullable String cursorPath() {
    return cursorPath;
  }

  /** The JSONPath of the flag that says more pages follow ({@code page_info}), or null. */
  public @Nullable String terminateOnPath() {
    return terminateOnPath;
  }

  /** The page size below which an {@code offset} traversal stops, or 0. */
  public int pageSize() {
    return pageSize;
  }

  /**
   * The {@code .cursor} of the next page for a cursor value: {@code format} run over it ({@code .value},
   * and for a keyset value that is an object, its fields), else {@code , after: "<value>"} for a
   * string, {@code , after: <value>} for anything else (or {@code , offset: <value>} for {@link Strategy#OFFSET}).
   */
  public String cursor(JsonNode value) {
    final Object plain = JSON.convertValue(value, Object.class);
    if (cursorFormat != null) {
      final Map<String, @Nullable Object> data = new HashMap<>();
      if (strategy == Strategy.KEYSET && plain instanceof Map<?, ?> fields) {
        fields.forEach((k, v) -> data.put(String.valueOf(k), v));
        if (fields.size() == 1) {
          data.put("value", fields.values().iterator().next());
        }
      } else {
        data.put("value", plain);
      }
      return cursorFormat.execute(data);
    }
    if (strategy == Strategy.OFFSET) {
      return ", offset: " + value.asText();
    }
    return value.isTextual() ? ", after: \"" + value.asText() + "\"" : ", after: " + value;
  }
}
