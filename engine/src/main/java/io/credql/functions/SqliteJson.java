package io.credql.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * SQLite's view of JSON: reading JSON text (Jackson's parser, numbers kept exact), the SQL value
 * of a JSON node (strings as text, integers as integers, other numbers as reals, true/false as
 * 1/0, objects and arrays as minified JSON text), and the JSON of an SQL value.
 */
final class SqliteJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SqliteJson() {
  }

  /** Parses a JSON argument; null stays null; text that is not JSON is the user's error. */
  static @Nullable JsonNode parse(String function, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    final JsonNode node = tryParse(value);
    if (node == null) {
      // the text itself is not shown: it may be a credential body
      throw FunctionInputException.of(function,
          "malformed JSON: the argument is not well-formed JSON text (check that the column holds JSON)");
    }
    return node;
  }

  /** The JSON node of a value, or null when it is not well-formed JSON. */
  static @Nullable JsonNode tryParse(@Nullable Object value) {
    final String text = value instanceof JsonText ? ((JsonText) value).json : SqliteValues.text(value);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The SQL value SQLite gives a JSON node: what {@code json_extract} returns. */
  static @Nullable Object sqlValue(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? 1L : 0L;
    }
    if (node.isIntegralNumber()) {
      final BigInteger big = node.bigIntegerValue();
      return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
          ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (node.isNumber()) {
      return node.decimalValue().doubleValue();
    }
    return render(node);
  }

  /** SQLite's {@code json_type} of a node. */
  static String type(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "real";
    }
    if (node.isTextual()) {
      return "text";
    }
    return node.isArray() ? "array" : "object";
  }

  /** Minified JSON text of a node, numbers as they were written. */
  static String render(JsonNode node) {
    final StringBuilder b = new StringBuilder();
    render(node, b);
    return b.toString();
  }

  private static void render(JsonNode node, StringBuilder b) {
    if (node.isObject()) {
      b.append('{');
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        quote(field.getKey(), b);
        b.append(':');
        render(field.getValue(), b);
        if (fields.hasNext()) {
          b.append(',');
        }
      }
      b.append('}');
    } else if (node.isArray()) {
      b.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        render(node.get(i), b);
      }
      b.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), b);
    } else if (node.isBigDecimal()) {
      b.append(decimalText(node.decimalValue()));
    } else {
      b.append(node.asText());
    }
  }

  private static String decimalText(BigDecimal d) {
    final String s = d.toString();
    return s.replace("E+", "e+").replace("E-", "e-");
  }

  /** The JSON of an SQL value: text quoted, numbers as numbers, JSON made by a JSON function as it is. */
  static void appendValue(@Nullable Object value, StringBuilder b) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof JsonText) {
      b.append(render(embedded(((JsonText) value).json)));
    } else if (value instanceof Boolean) {
      b.append(value.toString());
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      final double d = ((Number) value).doubleValue();
      b.append(Double.isNaN(d) ? "null" : Double.isInfinite(d) ? (d > 0 ? "9e999" : "-9e999")
          : SqliteValues.realText(d));
    } else if (value instanceof Number) {
      b.append(value);
    } else {
      quote(requireNonNull(SqliteValues.text(value), "text"), b);
    }
  }

  /** The JSON node of an SQL value, as {@link #appendValue} writes it. */
  static JsonNode node(Object value) {
    final StringBuilder b = new StringBuilder();
    appendValue(value, b);
    return requireNonNull(tryParse(b.toString()), "JSON of an SQL value");
  }

  private static JsonNode embedded(String json) {
    final JsonNode node = tryParse(json);
    return node == null ? JsonNodeFactory.instance.textNode(json) : node;
  }

  static void quote(String s, StringBuilder b) {
    b.append('"');
    b.append(JsonStringEncoder.getInstance().quoteAsString(s));
    b.append('"');
  }
}
