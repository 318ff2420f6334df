package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * SQLite's {@code printf}: C's conversions ({@code %d %i %u %f %e %E %g %G %x %X %o %c %s %%})
 * with flags, width and precision, plus SQLite's {@code %q}, {@code %Q} and {@code %w}; arguments
 * converted as SQLite converts them, a missing or NULL argument read as 0 or empty text.
 */
final class SqlitePrintf {
  private SqlitePrintf() {
  }

  static String format(String format, Object[] args) {
    final StringBuilder out = new StringBuilder();
    int next = 1;
    int i = 0;
    while (i < format.length()) {
      final char c = format.charAt(i++);
      if (c != '%' || i >= format.length()) {
        out.append(c);
        continue;
      }
      final StringBuilder flags = new StringBuilder();
      while (i < format.length() && "-+ 0#,!".indexOf(format.charAt(i)) >= 0) {
        flags.append(format.charAt(i++));
      }
      int width = -1;
      if (i < format.length() && format.charAt(i) == '*') {
        width = (int) (long) orZero(next < args.length ? SqliteValues.integer(args[next]) : null);
        next++;
        i++;
        if (width < 0) {
          flags.append('-');
          width = -width;
        }
      } else {
        final int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        if (i < format.length() && format.charAt(i) == '*') {
          precision = (int) (long) orZero(next < args.length ? SqliteValues.integer(args[next]) : null);
          next++;
          i++;
        } else {
          final int start = i;
          while (i < format.length() && Character.isDigit(format.charAt(i))) {
            i++;
          }
          precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      while (i < format.length() && format.charAt(i) == 'l') {
        i++;
      }
      if (i >= format.length()) {
        break;
      }
      final char conversion = format.charAt(i++);
      if (conversion == '%') {
        out.append('%');
        continue;
      }
      final Object arg = next < args.length ? args[next] : null;
      next++;
      out.append(pad(convert(conversion, flags.toString(), precision, arg), flags.toString(),
          width, "dfieEgGxXou".indexOf(conversion) >= 0));
    }
    return out.toString();
  }

  private static String convert(char conversion, String flags, int precision,
      @Nullable Object arg) {
    switch (conversion) {
    case 'd':
    case 'i':
    case 'u': {
      final long value = orZero(SqliteValues.integer(arg));
      String digits = Long.toString(Math.abs(value));
      if (value == Long.MIN_VALUE) {
        digits = digits.substring(1);
      }
      if (precision > digits.length()) {
        digits = "0".repeat(precision - digits.length()) + digits;
      }
      if (flags.indexOf(',') >= 0) {
        digits = String.format(Locale.ROOT, "%,d", new java.math.BigInteger(digits));
      }
      return sign(value < 0, flags) + digits;
    }
    case 'x':
    case 'X':
    case 'o': {
      final long value = orZero(SqliteValues.integer(arg));
      String digits = conversion == 'o' ? Long.toOctalString(value) : Long.toHexString(value);
      if (conversion == 'X') {
        digits = digits.toUpperCase(Locale.ROOT);
      }
      if (precision > digits.length()) {
        digits = "0".repeat(precision - digits.length()) + digits;
      }
      if (flags.indexOf('#') >= 0 && value != 0) {
        digits = (conversion == 'o' ? "0" : conversion == 'x' ? "0x" : "0X") + digits;
      }
      return digits;
    }
    case 'f':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      final Double real = SqliteValues.real(arg);
      final double value = real == null ? 0.0 : real;
      final int p = precision < 0 ? 6 : precision;
      final String body;
      if (Double.isInfinite(value)) {
        body = "Inf";
      } else if (Double.isNaN(value)) {
        body = "NaN";
      } else if (conversion == 'f') {
        body = decimal(Math.abs(value)).setScale(p, RoundingMode.HALF_UP).toPlainString();
      } else if (conversion == 'e' || conversion == 'E') {
        body = exponential(Math.abs(value), p, conversion == 'E');
      } else {
        body = general(Math.abs(value), p == 0 ? 1 : p, flags.indexOf('#') >= 0, conversion == 'G');
      }
      return sign(value < 0 || (value == 0 && 1 / value < 0), flags) + body;
    }
    case 'c': {
      final String text = SqliteValues.text(arg);
      return text == null || text.isEmpty() ? "" : new String(Character.toChars(text.codePointAt(0)));
    }
    case 's':
    case 'z': {
      final String given = SqliteValues.text(arg);
      final String text = given == null ? "" : given;
      return precision >= 0 && precision < text.length() ? text.substring(0, precision) : text;
    }
    case 'q': {
      final String text = SqliteValues.text(arg);
      return text == null ? "(NULL)" : text.replace("'", "''");
    }
    case 'Q': {
      final String text = SqliteValues.text(arg);
      return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }
    case 'w': {
      final String text = SqliteValues.text(arg);
      return text == null ? "(NULL)" : text.replace("\"", "\"\"");
    }
    default:
      return "";
    }
  }

  private static String exponential(double value, int precision, boolean upper) {
    String s = String.format(Locale.ROOT, "%." + precision + "e", value);
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  /** C's %g: %e when the exponent is below -4 or not below the precision, else %f; trailing zeros dropped. */
  private static String general(double value, int precision, boolean keepZeros, boolean upper) {
    if (value == 0) {
      return keepZeros ? "0." + "0".repeat(precision - 1) : "0";
    }
    final String e = String.format(Locale.ROOT, "%." + (precision - 1) + "e", value);
    final int exponent = Integer.parseInt(e.substring(e.indexOf('e') + 1));
    String s;
    if (exponent < -4 || exponent >= precision) {
      String mantissa = e.substring(0, e.indexOf('e'));
      if (!keepZeros) {
        mantissa = stripZeros(mantissa);
      }
      s = mantissa + e.substring(e.indexOf('e'));
    } else {
      s = decimal(value).setScale(precision - 1 - exponent, RoundingMode.HALF_UP)
          .toPlainString();
      if (!keepZeros) {
        s = stripZeros(s);
      }
    }
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  /** A real as SQLite's printf sees it: its exact value rounded to 16 significant digits. */
  private static BigDecimal decimal(double value) {
    return new BigDecimal(value).round(new MathContext(16, RoundingMode.HALF_UP));
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String sign(boolean negative, String flags) {
    return negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
  }

  private static String pad(String s, String flags, int width, boolean numeric) {
    if (width <= s.length()) {
      return s;
    }
    if (flags.indexOf('-') >= 0) {
      return s + " ".repeat(width - s.length());
    }
    if (numeric && flags.indexOf('0') >= 0) {
      final int signLength = !s.isEmpty() && "+- ".indexOf(s.charAt(0)) >= 0 ? 1 : 0;
      return s.substring(0, signLength) + "0".repeat(width - s.length()) + s.substring(signLength);
    }
    return " ".repeat(width - s.length()) + s;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
