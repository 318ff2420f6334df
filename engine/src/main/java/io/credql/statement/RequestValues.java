package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.credql.document.ParameterDefinition;
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

  static JsonNode toJson(@Nullable Object value, ParameterDefinition input, List<String> problems) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    final String text = JsonSqlTypes.text(value);
    switch (input.type()) {
    case "integer":
    case "number":
      try {
        final BigDecimal number = new BigDecimal(text.trim());
        return "integer".equals(input.type()) && number.stripTrailingZeros().scale() <= 0
            ? NODES.numberNode(number.toBigIntegerExact()) : NODES.numberNode(number);
      } catch (NumberFormatException | ArithmeticException e) {
        problems.add("@" + input.name() + " must be " + ("integer".equals(input.type())
            ? "an integer" : "a number"));
        return NODES.nullNode();
      }
    case "boolean":
      if (value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)));
      }
      problems.add("@" + input.name() + " must be true or false");
      return NODES.nullNode();
    case "object":
    case "array":
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        problems.add("@" + input.name() + " must be JSON (" + input.type() + ")");
        return NODES.nullNode();
      }
    default:
      return NODES.textNode(text);
    }
  }
}
