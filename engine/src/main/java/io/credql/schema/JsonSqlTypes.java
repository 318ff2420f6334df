package io.credql.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The one place JSON Schema types meet SQL types: integer → BIGINT, number → DOUBLE, boolean →
 * BOOLEAN, string → VARCHAR, object and array → VARCHAR holding JSON. Also converts values both
 * ways: a response's JSON into a column's Java value, and a bound SQL value into request text.
 */
public final class JsonSqlTypes {
  private JsonSqlTypes() {
  }

  /** The SQL type of a JSON Schema type. */
  public static SqlTypeName sqlType(String jsonType) {
    switch (jsonType) {
    case "integer":
      return SqlTypeName.BIGINT;
    case "number":
      return SqlTypeName.DOUBLE;
    case "boolean":
      return SqlTypeName.BOOLEAN;
    default:
      return SqlTypeName.VARCHAR;
    }
  }

  /**
   * A response value as the Java value of a column of {@code type}: Long, Double, Boolean or
   * String (objects and arrays as JSON text).
   *
   * @throws IllegalArgumentException if the value cannot be read as that type
   */
  public static @Nullable Object fromJson(@Nullable JsonNode node, SqlTypeName type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (type) {
    case BIGINT:
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return node.asLong();
      }
      if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
        return node.decimalValue().longValueExact();
      }
      if (node.isTextual()) {
        return parseLong(node.asText());
      }
      throw new IllegalArgumentException("expected an integer, got " + describe(node));
    case DOUBLE:
      if (node.isNumber()) {
        return node.asDouble();
      }
      if (node.isTextual()) {
        return parseDouble(node.asText());
      }
      throw new IllegalArgumentException("expected a number, got " + describe(node));
    case BOOLEAN:
      if (node.isBoolean()) {
        return node.asBoolean();
      }
      if (node.isTextual() && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
        return Boolean.parseBoolean(node.asText());
      }
      throw new IllegalArgumentException("expected a boolean, got " + describe(node));
    default:
      return node.isValueNode() ? node.asText() : node.toString();
    }
  }

  /** A value bound in SQL (Long, Integer, BigDecimal, String, Boolean, ...) as the Java value of a column of {@code type}. */
  public static @Nullable Object fromSql(@Nullable Object value, SqlTypeName type) {
    if (value == null) {
      return null;
    }
    switch (type) {
    case BIGINT:
      if (value instanceof Number) {
        final BigDecimal decimal = new BigDecimal(value.toString());
        return decimal.longValueExact();
      }
      return parseLong(value.toString());
    case DOUBLE:
      return value instanceof Number ? ((Number) value).doubleValue() : parseDouble(value.toString());
    case BOOLEAN:
      if (value instanceof Boolean) {
        return value;
      }
      final String text = value.toString().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new IllegalArgumentException("expected a boolean, got '" + value + "'");
    default:
      return text(value);
    }
  }

  /** A bound SQL value as it is written into a URL, header or form: integers without ".0", etc. */
  public static String text(Object value) {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      final double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
    }
    return value.toString();
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer, got '" + text + "'");
    }
  }

  private static Double parseDouble(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got '" + text + "'");
    }
  }

  private static String describe(JsonNode node) {
    final String text = node.isValueNode() ? node.asText() : node.getNodeType().name().toLowerCase(Locale.ROOT);
    return node.isTextual() ? "'" + text + "'" : text;
  }
}
