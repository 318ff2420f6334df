package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * SQLite's scalar {@code max(a, b, ...)} and {@code min(a, b, ...)}: the largest or smallest
 * argument, NULL when any argument is NULL, compared as SQLite compares values of any class
 * (numbers by value, below texts, which compare by their characters' code points). The argument
 * itself is the result, so its class is kept: {@code max(1, 1.0)} is the integer 1 (max keeps the
 * first of equal values), {@code min(1, 1.0)} the real 1.0 (min takes the last). With one argument
 * the names stay Calcite's aggregates.
 */
public final class MinMaxFunctions {
  private MinMaxFunctions() {
  }

  /** {@code max(a, b, ...)}. */
  public static @Nullable Object max(Object[] args) {
    return pick(args, true);
  }

  /** {@code min(a, b, ...)}. */
  public static @Nullable Object min(Object[] args) {
    return pick(args, false);
  }

  /**
   * A call of max or min with two or more arguments (and no OVER, DISTINCT nor FILTER, which only
   * an aggregate takes) as a call of the scalar function; any other call as it is.
   */
  static SqlCall scalarCall(SqlCall call) {
    final String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    if (call.operandCount() < 2 || call.getFunctionQuantifier() != null
        || !name.equals("max") && !name.equals("min")
        || call.getKind() != SqlKind.OTHER_FUNCTION && call.getKind() != SqlKind.MAX
            && call.getKind() != SqlKind.MIN) {
      return call;
    }
    return SqliteOperatorTable.function(name).createCall(call.getParserPosition(),
        call.getOperandList());
  }

  private static @Nullable Object pick(Object[] args, boolean max) {
    Object best = null;
    for (Object arg : args) {
      if (arg == null) {
        return null;
      }
      final Object value = sqliteValue(arg);
      if (value == null) {
        return null; // a real that is not a number: SQLite holds it as NULL
      }
      if (best == null) {
        best = value;
      } else {
        final int order = compare(best, value);
        if (max ? order < 0 : order >= 0) {
          best = value;
        }
      }
    }
    return best;
  }

  /** The value as SQLite holds it: an integer as a Long, a real as a Double, anything else as text. */
  static @Nullable Object sqliteValue(Object value) {
    final String storageClass = SqliteValues.storageClass(value);
    if (storageClass.equals("integer") || storageClass.equals("real")) {
      return SqliteValues.number(value);
    }
    return storageClass.equals("blob") ? value : SqliteValues.text(value);
  }

  /** SQLite's order of values: numbers, then texts, then blobs. */
  static int compare(Object a, Object b) {
    final int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a instanceof Number) {
      return compareNumbers((Number) a, (Number) b);
    }
    if (a instanceof String) {
      return compareCodePoints((String) a, (String) b);
    }
    return 0;
  }

  private static int rank(Object value) {
    return value instanceof Number ? 0 : value instanceof String ? 1 : 2;
  }

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare(a.longValue(), b.longValue());
    }
    final double x = a.doubleValue();
    final double y = b.doubleValue();
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return Double.compare(x, y);
    }
    return exact(a).compareTo(exact(b));
  }

  private static BigDecimal exact(Number n) {
    return n instanceof Long ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.doubleValue());
  }

  /** SQLite's BINARY collation compares UTF-8 bytes, which order as code points do. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      final int x = a.codePointAt(i);
      final int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
