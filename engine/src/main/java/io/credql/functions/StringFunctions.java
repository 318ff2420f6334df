package io.credql.functions;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SQLite's text functions whose meaning differs from Calcite's ({@code substr} with negative
 * positions, {@code length} of any value, {@code trim}/{@code ltrim}/{@code rtrim} with a character set,
 * {@code replace} of an empty pattern, {@code printf}, {@code hex}, {@code char}) and StackQL's
 * {@code split_part} and {@code regexp_replace}. Positions and lengths count characters.
 */
public final class StringFunctions {
  private StringFunctions() {
  }

  /** {@code substr(x, start[, length])}: 1-based; a negative start counts from the end; a negative length takes characters before start. */
  public static Object substr(Object[] args) {
    if (args[0] == null || args[1] == null || (args.length > 2 && args[2] == null)) {
      return null;
    }
    final int[] chars = SqliteValues.text(args[0]).codePoints().toArray();
    final long length = chars.length;
    long p1 = SqliteValues.integer(args[1]);
    long p2;
    boolean negativeLength = false;
    if (args.length > 2) {
      p2 = SqliteValues.integer(args[2]);
      if (p2 < 0) {
        p2 = -p2;
        negativeLength = true;
      }
    } else {
      p2 = Integer.MAX_VALUE;
    }
    if (p1 < 0) {
      p1 += length;
      if (p1 < 0) {
        p2 = Math.max(0, p2 + p1);
        p1 = 0;
      }
    } else if (p1 > 0) {
      p1--;
    } else if (p2 > 0) {
      p2--;
    }
    if (negativeLength) {
      p1 -= p2;
      if (p1 < 0) {
        p2 += p1;
        p1 = 0;
      }
    }
    final long from = Math.min(p1, length);
    final long to = Math.min(length, from + Math.max(0, p2));
    return new String(chars, (int) from, (int) (to - from));
  }

  /** {@code length(x)}: characters of a text, of a number's text; bytes of a blob. */
  public static Object length(Object[] args) {
    if (args[0] == null) {
      return null;
    }
    if (args[0] instanceof byte[]) {
      return (long) ((byte[]) args[0]).length;
    }
    final String text = SqliteValues.text(args[0]);
    final int nul = text.indexOf('\0');
    return (long) (nul >= 0 ? text.substring(0, nul) : text).codePointCount(0,
        nul >= 0 ? nul : text.length());
  }

  /** {@code trim(x[, characters])}: removes the characters (default: spaces) from both ends. */
  public static Object trim(Object[] args) {
    return trim(args, true, true);
  }

  /** {@code ltrim(x[, characters])}: removes the characters (default: spaces) from the start. */
  public static Object ltrim(Object[] args) {
    return trim(args, true, false);
  }

  /** {@code rtrim(x[, characters])}: removes the characters (default: spaces) from the end. */
  public static Object rtrim(Object[] args) {
    return trim(args, false, true);
  }

  private static Object trim(Object[] args, boolean left, boolean right) {
    if (args[0] == null || (args.length > 1 && args[1] == null)) {
      return null;
    }
    final int[] chars = SqliteValues.text(args[0]).codePoints().toArray();
    final String set = args.length > 1 ? SqliteValues.text(args[1]) : " ";
    int from = 0;
    int to = chars.length;
    while (left && from < to && set.indexOf(chars[from]) >= 0) {
      from++;
    }
    while (right && to > from && set.indexOf(chars[to - 1]) >= 0) {
      to--;
    }
    return new String(chars, from, to - from);
  }

  /** {@code char(x, ...)}: the text of the Unicode code points; one out of range is U+FFFD. */
  public static Object charOf(Object[] args) {
    final StringBuilder text = new StringBuilder();
    for (Object arg : args) {
      final Long code = arg == null ? Long.valueOf(0) : SqliteValues.integer(arg);
      text.appendCodePoint(code < 0 || code > Character.MAX_CODE_POINT ? 0xFFFD : code.intValue());
    }
    return text.toString();
  }

  /** {@code replace(x, pattern, replacement)}: every occurrence; an empty pattern changes nothing. */
  public static Object replace(Object[] args) {
    if (args[0] == null || args[1] == null || args[2] == null) {
      return null;
    }
    final String text = SqliteValues.text(args[0]);
    final String pattern = SqliteValues.text(args[1]);
    return pattern.isEmpty() ? text : text.replace(pattern, SqliteValues.text(args[2]));
  }

  /** {@code hex(x)}: the upper-case hexadecimal of x's UTF-8 text (or of a blob's bytes). */
  public static Object hex(Object[] args) {
    if (args[0] == null) {
      return "";
    }
    final byte[] bytes = args[0] instanceof byte[] ? (byte[]) args[0]
        : SqliteValues.text(args[0]).getBytes(StandardCharsets.UTF_8);
    final StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      b.append(String.format("%02X", x & 0xff));
    }
    return b.toString();
  }

  /** {@code printf(format, ...)} and {@code format(...)}: SQLite's printf. */
  public static Object printf(Object[] args) {
    if (args[0] == null) {
      return null;
    }
    return SqlitePrintf.format(SqliteValues.text(args[0]), args);
  }

  /**
   * {@code split_part(x, separator, n)} (StackQL): the n-th part (1-based; negative counts from
   * the end) of x split at every separator; NULL when there is no such part. StackQL's docs say
   * {@code split_part('https://a/b', '/', 3)} is {@code 'b'}; its code (followed here) gives
   * {@code 'a'}: the empty part between the two slashes counts.
   */
  public static Object splitPart(Object[] args) {
    if (args[0] == null || args[1] == null || args[2] == null) {
      return null;
    }
    final String separator = SqliteValues.text(args[1]);
    if (separator.isEmpty()) {
      return null;
    }
    final String[] parts = SqliteValues.text(args[0]).split(Pattern.quote(separator), -1);
    long part = SqliteValues.integer(args[2]);
    part = part < 0 ? parts.length + part : part - 1;
    return part >= 0 && part < parts.length ? parts[(int) part] : null;
  }

  /**
   * {@code regexp_replace(x, pattern, replacement)} (StackQL): the first match replaced by the
   * replacement taken literally, as StackQL's extension does; x unchanged when nothing matches.
   */
  public static Object regexpReplace(Object[] args) {
    if (args[0] == null) {
      return null;
    }
    if (args[1] == null) {
      throw FunctionInputException.of("regexp_replace", "missing regular expression (it is NULL)");
    }
    if (args[2] == null) {
      return SqliteValues.text(args[0]);
    }
    final Matcher matcher;
    try {
      matcher = Pattern.compile(SqliteValues.text(args[1])).matcher(SqliteValues.text(args[0]));
    } catch (PatternSyntaxException e) {
      throw FunctionInputException.of("regexp_replace", "invalid regular expression '"
          + e.getPattern() + "': " + e.getDescription());
    }
    return matcher.replaceFirst(Matcher.quoteReplacement(SqliteValues.text(args[2])));
  }
}
