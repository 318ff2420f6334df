package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * SQLite's math functions ({@code ln}, {@code log}, {@code pow}, {@code sqrt}, the trigonometric
 * ones, {@code trunc}, {@code sign}, {@code pi}, ...), with its rules:
 * an argument that is not a number (nor text that is entirely one) gives NULL, as does a result
 * that is not a number ({@code sqrt(-1)}, {@code ln(0)}); {@code trunc} keeps an integer an
 * integer; {@code sign} is an integer; the rest are reals.
 */
public final class MathFunctions {
  private MathFunctions() {
  }

  public static @Nullable Object acos(Object[] args) {
    return real(args[0], Math::acos);
  }

  public static @Nullable Object acosh(Object[] args) {
    return real(args[0], x -> Math.log(x + Math.sqrt(x * x - 1)));
  }

  public static @Nullable Object asin(Object[] args) {
    return real(args[0], Math::asin);
  }

  public static @Nullable Object asinh(Object[] args) {
    return real(args[0], x -> x < 0 ? -Math.log(-x + Math.sqrt(x * x + 1)) : Math.log(x + Math.sqrt(x * x + 1)));
  }

  public static @Nullable Object atan(Object[] args) {
    return real(args[0], Math::atan);
  }

  public static @Nullable Object atanh(Object[] args) {
    return real(args[0], x -> 0.5 * Math.log((1 + x) / (1 - x)));
  }

  public static @Nullable Object cos(Object[] args) {
    return real(args[0], Math::cos);
  }

  public static @Nullable Object cosh(Object[] args) {
    return real(args[0], Math::cosh);
  }

  public static @Nullable Object sin(Object[] args) {
    return real(args[0], Math::sin);
  }

  public static @Nullable Object sinh(Object[] args) {
    return real(args[0], Math::sinh);
  }

  public static @Nullable Object tan(Object[] args) {
    return real(args[0], Math::tan);
  }

  public static @Nullable Object tanh(Object[] args) {
    return real(args[0], Math::tanh);
  }

  public static @Nullable Object degrees(Object[] args) {
    return real(args[0], Math::toDegrees);
  }

  public static @Nullable Object radians(Object[] args) {
    return real(args[0], Math::toRadians);
  }

  public static @Nullable Object exp(Object[] args) {
    return real(args[0], Math::exp);
  }

  public static @Nullable Object sqrt(Object[] args) {
    return real(args[0], Math::sqrt);
  }

  public static @Nullable Object ln(Object[] args) {
    return real(args[0], x -> x > 0 ? Math.log(x) : Double.NaN);
  }

  public static @Nullable Object log2(Object[] args) {
    return real(args[0], x -> x > 0 ? Math.log(x) / Math.log(2) : Double.NaN);
  }

  public static @Nullable Object log10(Object[] args) {
    return real(args[0], x -> x > 0 ? Math.log10(x) : Double.NaN);
  }

  /** {@code log(x)} is the base-10 logarithm; {@code log(b, x)} the base-b one. */
  public static @Nullable Object log(Object[] args) {
    if (args.length == 1) {
      return log10(args);
    }
    return real(args[0], args[1], (b, x) -> b > 0 && b != 1 && x > 0 ? Math.log(x) / Math.log(b) : Double.NaN);
  }

  public static @Nullable Object atan2(Object[] args) {
    return real(args[0], args[1], Math::atan2);
  }

  public static @Nullable Object pow(Object[] args) {
    return real(args[0], args[1], Math::pow);
  }

  public static @Nullable Object mod(Object[] args) {
    return real(args[0], args[1], (x, y) -> x % y);
  }

  public static Object pi(Object[] args) {
    return Math.PI;
  }

  public static @Nullable Object trunc(Object[] args) {
    return integral(args[0], x -> x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  /** {@code sign(x)}: -1, 0 or +1, as an integer. */
  public static @Nullable Object sign(Object[] args) {
    final Number x = numeric(args[0]);
    return x == null ? null : (Object) (long) Math.signum(x.doubleValue());
  }

  private static @Nullable Object real(@Nullable Object arg, DoubleUnaryOperator f) {
    final Number x = numeric(arg);
    return x == null ? null : finite(f.applyAsDouble(x.doubleValue()));
  }

  private static @Nullable Object real(@Nullable Object first, @Nullable Object second, DoubleBinaryOperator f) {
    final Number x = numeric(first);
    final Number y = numeric(second);
    return x == null || y == null ? null : finite(f.applyAsDouble(x.doubleValue(), y.doubleValue()));
  }

  /** An integer stays itself; a real is cut by {@code f} and stays a real. */
  private static @Nullable Object integral(@Nullable Object arg, DoubleUnaryOperator f) {
    final Number x = numeric(arg);
    if (x == null) {
      return null;
    }
    return x instanceof Long ? x : (Object) f.applyAsDouble(x.doubleValue());
  }

  /** SQLite stores a NaN result as NULL. */
  private static @Nullable Object finite(double value) {
    return Double.isNaN(value) ? null : (Object) value;
  }

  /** The number an argument is, as SQLite's numeric affinity reads it; NULL for anything else. */
  private static @Nullable Number numeric(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof CharSequence && !SqliteValues.isNumericText(value.toString())) {
      return null;
    }
    return SqliteValues.number(value);
  }
}
