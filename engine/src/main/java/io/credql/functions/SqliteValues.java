package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * SQLite's conversions between its storage classes, applied to the Java values Calcite passes
 * to functions: text of a number, number of a text (its longest numeric prefix), and the storage
 * class ({@code typeof}) of a value.
 */
final class SqliteValues {
  private SqliteValues() {
  }

  /** SQLite's {@code typeof}: null, integer, real, text or blob. */
  static String storageClass(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte || value instanceof Boolean || value instanceof BigInteger) {
      return "integer";
    }
    if (value instanceof BigDecimal) {
      // Calcite types an integer literal too big for INTEGER as DECIMAL(19, 0)
      return ((BigDecimal) value).scale() <= 0 ? "integer" : "real";
    }
    if (value instanceof Number) {
      return "real";
    }
    if (value instanceof byte[] || value instanceof org.apache.calcite.avatica.util.ByteString) {
      return "blob";
    }
    return "text";
  }

  /** The text SQLite gives a value when a function wants text; null stays null, as does NaN (SQLite has no NaN). */
  static @Nullable String text(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? "1" : "0";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return realText(((Number) value).doubleValue());
    }
    return value.toString();
  }

  /** SQLite's text of a REAL ({@code "%!.15g"}): 15 significant digits, always a decimal point; null for NaN. */
  static @Nullable String realText(double d) {
    if (Double.isNaN(d)) {
      return null;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    final BigDecimal rounded = new BigDecimal(d).round(new java.math.MathContext(15));
    final int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 15) {
      String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
      if (!mantissa.contains(".")) {
        mantissa += ".0";
      }
      return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+",
          Math.abs(exponent));
    }
    String plain = rounded.stripTrailingZeros().toPlainString();
    if (!plain.contains(".")) {
      plain += ".0";
    }
    return plain;
  }

  /**
   * The number SQLite reads from a value where it wants a number: integers and reals as they are,
   * text by its longest numeric prefix (so {@code '12abc'} is 12 and {@code 'abc'} is 0); null
   * stays null. The result is a Long or a Double.
   */
  static @Nullable Number number(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1L : 0L;
    }
    if (value instanceof BigDecimal) {
      final BigDecimal d = (BigDecimal) value;
      return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
          ? (Number) d.longValueExact() : (Number) d.doubleValue();
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    return numericPrefix(value.toString().trim());
  }

  /** The integer SQLite reads from a value (a real is truncated toward zero). */
  static @Nullable Long integer(@Nullable Object value) {
    final Number n = number(value);
    if (n == null) {
      return null;
    }
    if (n instanceof Double) {
      final double d = n.doubleValue();
      if (d >= 9.223372036854775807E18) {
        return Long.MAX_VALUE;
      }
      if (d <= -9.223372036854775808E18) {
        return Long.MIN_VALUE;
      }
      return (long) d;
    }
    return n.longValue();
  }

  /** The real SQLite reads from a value. */
  static @Nullable Double real(@Nullable Object value) {
    final Number n = number(value);
    return n == null ? null : n.doubleValue();
  }

  /** Whether a text is entirely a number, as SQLite's numeric affinity would take it. */
  static boolean isNumericText(String s) {
    return s.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }

  private static Number numericPrefix(String s) {
    final java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(s);
    if (!m.find()) {
      return 0L;
    }
    final String number = m.group();
    if (number.matches("[+-]?\\d+")) {
      try {
        return Long.parseLong(number);
      } catch (NumberFormatException e) {
        return Double.parseDouble(number);
      }
    }
    return Double.parseDouble(number);
  }
}
