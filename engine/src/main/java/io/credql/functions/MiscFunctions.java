package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/** SQLite's {@code typeof}, {@code abs}, {@code round} and {@code random}. */
public final class MiscFunctions {
  private MiscFunctions() {
  }

  /** {@code typeof(x)}: null, integer, real, text or blob. */
  public static Object typeOf(Object[] args) {
    return SqliteValues.storageClass(args[0]);
  }

  /** {@code abs(x)}: an integer stays an integer; anything else is read as a real. */
  public static @Nullable Object abs(Object[] args) {
    final Object x = args[0];
    final Double real = SqliteValues.real(x);
    if (real == null) {
      return null;
    }
    if (SqliteValues.storageClass(x).equals("integer")) {
      final long value = requireNonNull(SqliteValues.integer(x), "an integer's value");
      if (value == Long.MIN_VALUE) {
        throw FunctionInputException.of("abs", "integer overflow");
      }
      return Math.abs(value);
    }
    return Math.abs(real);
  }

  /** {@code round(x[, digits])}: always a real, halves away from zero. */
  public static @Nullable Object round(Object[] args) {
    final Double real = SqliteValues.real(args[0]);
    final Long places = args.length > 1 ? SqliteValues.integer(args[1]) : Long.valueOf(0);
    if (real == null || places == null) {
      return null;
    }
    final double x = real;
    final long digits = Math.max(0, Math.min(30, places));
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
