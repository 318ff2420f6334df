package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.schema.JsonSqlTypes;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** Turns a value written in SQL into the JSON a body field of the input's type holds. */
final class RequestValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RequestValues() {
  }

  /**
   * Top-level body fields the schema types as arrays or objects but that were written as JSON
   * text (StackQL's documents write {@code "claims": "{{ claims }}"}): parsed into the JSON they
   * hold, unless the schema marks them {@code x-stackQL-stringOnly}; an empty text means the field
   * is not given. Other text is left for the validator to report.
   */
  static void parseJsonText(ObjectNode body, SchemaNode schema) {
    final java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = body.fields();
    final java.util.Map<String, JsonNode> parsed = new java.util.LinkedHashMap<>();
    final java.util.List<String> empty = new java.util.ArrayList<>();
    while (fields.hasNext()) {
      final java.util.Map.Entry<String, JsonNode> field = fields.next();
      final SchemaNode property = schema.properties().get(field.getKey());
      if (property == null || !field.getValue().isTextual() || property.isStringOnly()
          || !(property.isArray() || property.isObject())) {
        continue;
      }
      final String text = field.getValue().asText().trim();
      if (text.isEmpty()) {
        empty.add(field.getKey());
        continue;
      }
      try {
        final JsonNode tree = JSON.readTree(text);
        if (tree != null && (property.isArray() ? tree.isArray() : tree.isObject())) {
          parsed.put(field.getKey(), tree);
        }
      } catch (IOException e) {
        // not JSON: the validator says what type was expected
      }
    }
    parsed.forEach(body::set);
    empty.forEach(body::remove);
  }

  /**
   * The JSON of {@code value} for the body field {@code input}; a value that cannot be of the field's
   * type adds a problem naming it as the statement did ({@code written}).
   */
  static JsonNode toJson(@Nullable Object value, ParameterDefinition input, String written,
      List<String> problems) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    final String text = JsonSqlTypes.text(value);
    if (input.schema() != null && input.schema().isStringOnly()) {
      // StackQL's code (any-sdk parseRequestBodyParam) sends a stringOnly field's text unparsed
      return NODES.textNode(text);
    }
    switch (input.type()) {
    case "integer":
    case "number":
      try {
        final BigDecimal number = new BigDecimal(text.trim());
        return "integer".equals(input.type()) && number.stripTrailingZeros().scale() <= 0
            ? NODES.numberNode(number.toBigIntegerExact()) : NODES.numberNode(number);
      } catch (NumberFormatException | ArithmeticException e) {
        problems.add(written + " must be " + ("integer".equals(input.type())
            ? "an integer" : "a number"));
        return NODES.nullNode();
      }
    case "boolean":
      if (value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)));
      }
      problems.add(written + " must be true or false");
      return NODES.nullNode();
    case "object":
    case "array":
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        problems.add(written + " must be JSON (" + input.type() + ")");
        return NODES.nullNode();
      }
    default:
      return NODES.textNode(text);
    }
  }
}
