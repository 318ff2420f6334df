package io.credql.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

/** SQLite's {@code typeof}, {@code abs}, {@code round} and {@code random}. */
public final class MiscFunctions {
  private MiscFunctions() {
  }

  /** {@code typeof(x)}: null, integer, real, text or blob. */
  public static Object typeOf(Object[] args) {
    return SqliteValues.storageClass(args[0]);
  }

  /** {@code abs(x)}: an integer stays an integer; anything else is read as a real. */
  public static Object abs(Object[] args) {
    final Object x = args[0];
    if (x == null) {
      return null;
    }
    if (SqliteValues.storageClass(x).equals("integer")) {
      final long value = SqliteValues.integer(x);
      if (value == Long.MIN_VALUE) {
        throw FunctionInputException.of("abs", "integer overflow");
      }
      return Math.abs(value);
    }
    return Math.abs(SqliteValues.real(x));
  }

  /** {@code round(x[, digits])}: always a real, halves away from zero. */
  public static Object round(Object[] args) {
    if (args[0] == null || (args.length > 1 && args[1] == null)) {
      return null;
    }
    final double x = SqliteValues.real(args[0]);
    final long digits = args.length > 1 ? Math.max(0, Math.min(30, SqliteValues.integer(args[1]))) : 0;
    if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) >= 4503599627370496.0) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
  }

  /** {@code random()}: a random 64-bit integer. */
  public static Object random(Object[] args) {
    return ThreadLocalRandom.current().nextLong();
  }
}
