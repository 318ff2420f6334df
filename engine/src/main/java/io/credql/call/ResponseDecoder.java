package io.credql.call;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Suppliers;
import io.credql.document.MethodDefinition;
import io.credql.document.ObjectKey;
import io.credql.document.ResponseConfig;
import io.credql.document.SchemaNode;
import io.credql.document.GoTemplate;
import io.credql.document.TransformTemplate;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.error.ProviderResponseException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.w3c.dom.Document;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.xml.xpath.XPathExpressionException;

import static java.util.Objects.requireNonNull;

/**
 * Reads a response body as its method's {@code response} block says: JSON, or XML (by its
 * {@code Content-Type}, or the document's {@code mediaType} when the server names none), parsed
 * as {@code overrideMediaType} when the document overrides what the server says, reshaped by a
 * supported {@code transform}, and cut into rows by the {@code objectKey} (a JSONPath, or an
 * XPath on XML). An empty body is no body. A JSON body whose key is a plain field path is not
 * built into a tree: {@link StreamedJsonRows} decodes its rows as they are read.
 */
final class ResponseDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A decoded body: what page tokens and masking read (for a streamed body, its outline without
   * the rows), its rows (decoded as they are walked when streamed), how many there are, and the
   * whole body as one tree (built only when asked for).
   */
  record Decoded(JsonNode body, Iterable<JsonNode> rows, int rowCount, Supplier<JsonNode> whole) {
    static Decoded of(JsonNode tree, List<JsonNode> rows) {
      return new Decoded(tree, rows, rows.size(), () -> tree);
    }

    static Decoded of(StreamedJsonRows streamed) {
      return new Decoded(streamed.outline(), streamed, streamed.count(), Suppliers.memoize(streamed::whole));
    }
  }

  private ResponseDecoder() {
  }

  /** The body as JSON, or null when it is empty. */
  static @Nullable JsonNode body(HttpExchange exchange) throws ProviderResponseException {
    final Decoded decoded = decode(exchange);
    return decoded == null ? null : decoded.whole().get();
  }

  /** The body and its rows, or null when the body is empty. */
  static @Nullable Decoded decode(HttpExchange exchange) throws ProviderResponseException {
    final MethodDefinition method = exchange.request().call().method();
    final ResponseConfig response = method.response();
    final String unsupported = response.unsupportedTransform();
    if (unsupported != null) {
      throw new ProviderResponseException(method.id() + ": " + unsupported + "; no rows were returned");
    }
    final ResponseContent content = exchange.content();
    if (content.isBlank()) {
      return null;
    }
    final String type = mediaType(exchange, response);
    if (type.contains("xml")) {
      return xml(method, exchange, content.bytes());
    }
    final ObjectKey key = method.objectKey();
    final GoTemplate goTemplate = response.goTemplate();
    if (goTemplate != null) {
      final JsonNode transformed = run(method, goTemplate, content, exchange.status());
      return Decoded.of(transformed, rows(method, key == null ? transformed : key.select(transformed)));
    }
    final TransformTemplate template = response.template();
    if (!type.contains("json") && template != null
        && String.valueOf(response.transform()).startsWith("golang_template_text")) {
      // a text template reads the body as one string ({{ toJson . }} quotes it)
      final JsonNode text = JsonNodeFactory.instance.textNode(
          new String(content.bytes(), java.nio.charset.StandardCharsets.UTF_8));
      final JsonNode transformed = transform(template, text);
      return Decoded.of(transformed, rows(method, key == null ? transformed : key.select(transformed)));
    }
    if (!type.contains("json")) {
      throw new ProviderResponseException(method.id() + ": the provider answered HTTP "
          + exchange.status() + " with " + type + " instead of JSON; no rows were returned");
    }
    if (key != null && key.isXPath()) {
      throw new ProviderResponseException(method.id() + ": its objectKey " + key
          + " is an XPath, but the provider answered JSON; no rows were returned");
    }
    final List<String> path = StreamedJsonRows.fieldPath(key);
    // plain-value rows (a list of strings) are read whole, each value made a row
    if (path != null && response.template() == null && !method.hasPlainValueRows()) {
      final StreamedJsonRows streamed = StreamedJsonRows.read(method, content, path);
      return streamed == null ? null : Decoded.of(streamed);
    }
    final JsonNode tree;
    try (InputStream in = content.open()) {
      tree = JSON.readTree(in);
    } catch (IOException e) {
      throw new ProviderResponseException(method.id() + ": the provider's response (HTTP "
          + exchange.status() + ", " + content.size() + " bytes) is not valid JSON: "
          + whyNotJson(e) + "; no rows were returned", e);
    }
    if (tree == null || tree.isMissingNode()) {
      return null;
    }
    final JsonNode transformed = template == null ? tree : transform(template, tree);
    return Decoded.of(transformed, rows(method, key == null ? transformed : key.select(transformed)));
  }

  /**
   * Runs a Go-template transform as any-sdk does: a {@code golang_template_text_*} template over the
   * body's text, a JSON one over the decoded body; its output is read as JSON.
   */
  private static JsonNode run(MethodDefinition method, GoTemplate template, ResponseContent content, int status)
      throws ProviderResponseException {
    final String text = new String(content.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    final String type = String.valueOf(method.response().transform());
    final String output;
    try {
      output = template.execute(type.startsWith("golang_template_text") ? text : JSON.readTree(text));
    } catch (IOException e) {
      // none of these failures is kept as the cause: Jackson's messages quote the token they met
      throw new ProviderResponseException(method.id() + ": the provider's response (HTTP " + status + ", "
          + content.size() + " bytes) is not valid JSON: " + whyNotJson(e)
          + "; no rows were returned");
    } catch (IllegalArgumentException e) {
      throw new ProviderResponseException(method.id() + ": its response transform '" + type
          + "' failed on the provider's response: " + e.getMessage() + "; no rows were returned");
    }
    try {
      final JsonNode tree = JSON.readTree(output);
      return tree == null ? JsonNodeFactory.instance.nullNode() : tree;
    } catch (IOException e) {
      throw new ProviderResponseException(method.id() + ": its response transform '" + type
          + "' made text that is not JSON from the provider's response; no rows were returned");
    }
  }

  /**
   * Why a body is not JSON credql reads, without quoting it (a parser's message quotes the token
   * it met, which may be a secret): the kind of error, or which of the parser's limits it broke.
   */
  static String whyNotJson(IOException e) {
    if (e instanceof StreamConstraintsException) {
      return e.getMessage() != null && e.getMessage().startsWith("Document nesting depth")
          ? "it is nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels"
          : "a number, text or name in it is longer than credql reads";
    }
    return e.getClass().getSimpleName();
  }

  /** Applies a recognised Go-template transform (see {@link TransformTemplate}) to a JSON body. */
  static JsonNode transform(TransformTemplate template, JsonNode body) {
    final JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (template.form()) {
    case WRAP: {
      final String source = template.source();
      final JsonNode value = source == null ? body : body.has(source) ? body.get(source) : nodes.nullNode();
      final ObjectNode wrapped = nodes.objectNode().set(template.key(), value);
      return template.isList() ? nodes.arrayNode().add(wrapped) : wrapped;
    }
    case EACH: {
      final ArrayNode each = nodes.arrayNode();
      body.path(requireNonNull(template.source(), "source"))
          .forEach(element -> each.add(nodes.objectNode().set(template.key(), element)));
      return each;
    }
    case FLATTEN_PROPERTIES:
      return flattened(body);
    case FLATTEN_PROPERTIES_LIST: {
      final ObjectNode result = nodes.objectNode();
      final ArrayNode value = result.putArray("value");
      body.path("value").forEach(row -> value.add(flattened(row)));
      result.set("nextLink", body.has("nextLink") ? body.get("nextLink") : nodes.nullNode());
      return result;
    }
    default:
      throw new IllegalStateException("unknown transform form " + template.form());
    }
  }

  /** Azure's lift: the fields of {@code properties} beside the row's own (which win), and {@code _flattened}. */
  private static JsonNode flattened(JsonNode row) {
    if (!row.isObject()) {
      return row;
    }
    final ObjectNode flat = JsonNodeFactory.instance.objectNode();
    if (row.path("properties").isObject()) {
      flat.setAll((ObjectNode) row.get("properties"));
    }
    flat.setAll((ObjectNode) row);
    flat.put("_flattened", true);
    return flat;
  }

  /**
   * The media type to read the body as: the document's override (unless a transform reads the
   * body first), else the server's {@code Content-Type}, else the document's, else JSON.
   */
  private static String mediaType(HttpExchange exchange, ResponseConfig response) {
    String type = null;
    if (response.overrideMediaType() != null && response.transform() == null) {
      type = response.overrideMediaType();
    } else if (exchange.contentType() != null) {
      type = exchange.contentType();
    } else if (response.mediaType() != null) {
      type = response.mediaType();
    }
    return type == null ? "application/json" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  private static Decoded xml(MethodDefinition method, HttpExchange exchange, byte[] body)
      throws ProviderResponseException {
    final Document document;
    try {
      document = XmlTree.parse(body);
    } catch (IOException e) {
      throw new ProviderResponseException(method.id() + ": the provider's response (HTTP "
          + exchange.status() + ", " + body.length + " bytes) is not valid XML: "
          + e.getMessage() + "; no rows were returned", e);
    }
    final ObjectKey key = method.objectKey();
    if (method.response().isSchemaDrivenXml()) {
      final SchemaNode row = method.rowSchema();
      final String list = listProperty(key);
      if (row == null || key == null || list == null) {
        throw new ProviderResponseException(method.id() + ": its transform "
            + ResponseConfig.SCHEMA_DRIVEN_XML + " needs a schema_override with a list and an"
            + " objectKey such as $.line_items naming it; no rows were returned");
      }
      final JsonNode tree = XmlRows.schemaDriven(document, list, row, method.response().protocol());
      return Decoded.of(tree, rows(method, key.select(tree)));
    }
    final JsonNode tree = XmlTree.document(document);
    if (key != null && key.isXPath()) {
      try {
        return Decoded.of(tree, XmlRows.select(document, key, method.rowSchema()));
      } catch (XPathExpressionException e) {
        throw new ProviderResponseException(method.id() + ": its objectKey " + key
            + " cannot be evaluated: " + e.getMessage() + "; no rows were returned", e);
      }
    }
    return Decoded.of(tree, rows(method, key == null ? tree : key.select(tree)));
  }

  /** {@code line_items} of {@code $.line_items}: the list a schema-driven walk fills. */
  private static @Nullable String listProperty(@Nullable ObjectKey key) {
    if (key == null || key.isXPath()) {
      return null;
    }
    final String name = key.text().replaceFirst("^\\$\\.?", "").replace("[*]", "");
    return name.isEmpty() || name.contains(".") || name.contains("[") ? null : name;
  }

  /**
   * The rows in what {@code objectKey} selected: each element of a list, or the object itself. A
   * missing key or JSON null is no rows (some providers leave out an empty list); a bare string,
   * number or boolean where rows should be is an error, not a row.
   */
  static List<JsonNode> rows(MethodDefinition method, @Nullable JsonNode selected)
      throws ProviderResponseException {
    final List<JsonNode> rows = new ArrayList<>();
    if (selected == null || selected.isNull() || selected.isMissingNode()) {
      return rows;
    }
    if (method.hasPlainValueRows()) {
      for (JsonNode element : selected.isArray() ? selected : List.of(selected)) {
        if (element.isObject()) {
          throw notRows(method, kind(element));
        }
        if (!element.isNull()) {
          rows.add(anonymousRow(element));
        }
      }
      return rows;
    }
    if (selected.isArray()) {
      for (JsonNode element : selected) {
        if (!element.isObject() && !element.isNull()) {
          throw notRows(method, "a list holding " + kind(element));
        }
        if (element.isObject()) {
          rows.add(element);
        }
      }
    } else if (selected.isObject()) {
      rows.add(selected);
    } else {
      throw notRows(method, kind(selected));
    }
    return rows;
  }

  /** The row StackQL makes of a plain value: an object with the value as its one field. */
  static ObjectNode anonymousRow(JsonNode value) {
    final ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.set(MethodDefinition.ANONYMOUS_COLUMN, value);
    return row;
  }

  static ProviderResponseException notRows(MethodDefinition method, String found) {
    return new ProviderResponseException(method.id() + ": the provider's response holds " + found
        + (method.objectKey() == null ? "" : " at " + method.objectKey())
        + " where its document promises " + (method.hasPlainValueRows() ? "plain values" : "objects")
        + "; no rows were returned");
  }

  private static String kind(JsonNode node) {
    return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean()
        ? "a boolean" : node.isArray() ? "a list" : node.isObject() ? "an object" : "a value";
  }
}
