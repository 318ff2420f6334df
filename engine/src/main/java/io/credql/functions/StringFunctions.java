package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * SQLite's text functions whose meaning differs from Calcite's ({@code substr} with negative
 * positions, {@code length} of any value, {@code trim}/{@code ltrim}/{@code rtrim} with a character set,
 * {@code replace} of an empty pattern, {@code printf}, {@code hex}, {@code char}), the ones it
 * lacks ({@code unicode}, {@code quote}, {@code concat}, {@code concat_ws}, {@code glob}) and StackQL's
 * {@code split_part} and {@code regexp_replace}. Positions and lengths count characters.
 */
public final class StringFunctions {
  private StringFunctions() {
  }

  /** {@code substr(x, start[, length])}: 1-based; a negative start counts from the end; a negative length takes characters before start. */
  public static @Nullable Object substr(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    final Long start = SqliteValues.integer(args[1]);
    final Long count = args.length > 2 ? SqliteValues.integer(args[2]) : null;
    if (text == null || start == null || (args.length > 2 && count == null)) {
      return null;
    }
    final int[] chars = text.codePoints().toArray();
    final long length = chars.length;
    long p1 = start;
    long p2;
    boolean negativeLength = false;
    if (count != null) {
      p2 = count;
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
  public static @Nullable Object length(Object[] args) {
    if (args[0] instanceof byte[]) {
      return (long) ((byte[]) args[0]).length;
    }
    final String text = SqliteValues.text(args[0]);
    if (text == null) {
      return null;
    }
    final int nul = text.indexOf('\0');
    return (long) (nul >= 0 ? text.substring(0, nul) : text).codePointCount(0,
        nul >= 0 ? nul : text.length());
  }

  /** {@code trim(x[, characters])}: removes the characters (default: spaces) from both ends. */
  public static @Nullable Object trim(Object[] args) {
    return trim(args, true, true);
  }

  /** {@code ltrim(x[, characters])}: removes the characters (default: spaces) from the start. */
  public static @Nullable Object ltrim(Object[] args) {
    return trim(args, true, false);
  }

  /** {@code rtrim(x[, characters])}: removes the characters (default: spaces) from the end. */
  public static @Nullable Object rtrim(Object[] args) {
    return trim(args, false, true);
  }

  private static @Nullable Object trim(Object[] args, boolean left, boolean right) {
    final String text = SqliteValues.text(args[0]);
    final String set = args.length > 1 ? SqliteValues.text(args[1]) : " ";
    if (text == null || set == null) {
      return null;
    }
    final int[] chars = text.codePoints().toArray();
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
      final Long given = SqliteValues.integer(arg);
      final long code = given == null ? 0 : given;
      text.appendCodePoint(code < 0 || code > Character.MAX_CODE_POINT ? 0xFFFD : (int) code);
    }
    return text.toString();
  }

  /** {@code unicode(x)}: the code point of x's first character; NULL for NULL or an empty text. */
  public static @Nullable Object unicode(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    return text == null || text.isEmpty() ? null : (long) text.codePointAt(0);
  }

  /** {@code quote(x)}: x as an SQL literal ({@code 'it''s'}, {@code 12}, {@code NULL}, {@code X'0A'}). */
  public static Object quote(Object[] args) {
    final Object value = args[0];
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[]) {
      return "X'" + hex(args) + "'";
    }
    final String text = requireNonNull(SqliteValues.text(value), "text");
    return value instanceof String ? "'" + text.replace("'", "''") + "'" : text;
  }

  /** {@code concat(x, ...)}: the texts of the arguments one after another, NULLs left out. */
  public static Object concat(Object[] args) {
    final StringBuilder text = new StringBuilder();
    for (Object arg : args) {
      final String part = SqliteValues.text(arg);
      text.append(part == null ? "" : part);
    }
    return text.toString();
  }

  /** {@code concat_ws(separator, x, ...)}: the texts of the non-NULL x joined by separator; NULL when it is NULL. */
  public static @Nullable Object concatWs(Object[] args) {
    final String separator = SqliteValues.text(args[0]);
    if (separator == null) {
      return null;
    }
    final StringJoiner text = new StringJoiner(separator);
    for (int i = 1; i < args.length; i++) {
      final String part = SqliteValues.text(args[i]);
      if (part != null) {
        text.add(part);
      }
    }
    return text.toString();
  }

  /** {@code glob(pattern, x)}: whether x matches SQLite's GLOB pattern (a BOOLEAN), NULL for a NULL argument. */
  public static @Nullable Object glob(Object[] args) {
    final String glob = SqliteValues.text(args[0]);
    final String text = SqliteValues.text(args[1]);
    if (glob == null || text == null) {
      return null;
    }
    final Pattern pattern = GlobPattern.of(glob);
    return pattern != null && pattern.matcher(text).matches();
  }

  /** {@code replace(x, pattern, replacement)}: every occurrence; an empty pattern changes nothing. */
  public static @Nullable Object replace(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    final String pattern = SqliteValues.text(args[1]);
    final String replacement = SqliteValues.text(args[2]);
    if (text == null || pattern == null || replacement == null) {
      return null;
    }
    return pattern.isEmpty() ? text : text.replace(pattern, replacement);
  }

  /** {@code hex(x)}: the upper-case hexadecimal of x's UTF-8 text (or of a blob's bytes). */
  public static Object hex(Object[] args) {
    final String text = args[0] instanceof byte[] ? null : SqliteValues.text(args[0]);
    final byte[] bytes = args[0] instanceof byte[] ? (byte[]) args[0]
        : text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    final StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      b.append(String.format("%02X", x & 0xff));
    }
    return b.toString();
  }

  /** {@code printf(format, ...)} and {@code format(...)}: SQLite's printf. */
  public static @Nullable Object printf(Object[] args) {
    final String format = SqliteValues.text(args[0]);
    return format == null ? null : SqlitePrintf.format(format, args);
  }

  /**
   * {@code split_part(x, separator, n)} (StackQL): the n-th part (1-based; negative counts from
   * the end) of x split at every separator; NULL when there is no such part. StackQL's docs say
   * {@code split_part('https://a/b', '/', 3)} is {@code 'b'}; its code (followed here) gives
   * {@code 'a'}: the empty part between the two slashes counts.
   */
  public static @Nullable Object splitPart(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    final String separator = SqliteValues.text(args[1]);
    final Long n = SqliteValues.integer(args[2]);
    if (text == null || separator == null || n == null || separator.isEmpty()) {
      return null;
    }
    final String[] parts = text.split(Pattern.quote(separator), -1);
    final long part = n < 0 ? parts.length + n : n - 1;
    return part >= 0 && part < parts.length ? parts[(int) part] : null;
  }

  /**
   * {@code regexp_replace(x, pattern, replacement)} (StackQL): every match replaced by the
   * replacement taken literally, as StackQL's extension does; x unchanged when nothing matches,
   * NULL when any argument is NULL.
   */
  public static @Nullable Object regexpReplace(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    final String replacement = SqliteValues.text(args[2]);
    final @Nullable Matcher matcher = text == null ? null : matcher("regexp_replace", text, args[1]);
    if (matcher == null || replacement == null) {
      return null;
    }
    return matcher.replaceAll(Matcher.quoteReplacement(replacement));
  }

  /** StackQL's {@code regexp_substr(x, pattern)}: the first match in x's text, NULL when none. */
  public static @Nullable Object regexpSubstr(Object[] args) {
    final String text = SqliteValues.text(args[0]);
    final @Nullable Matcher matcher = text == null ? null : matcher("regexp_substr", text, args[1]);
    return matcher != null && matcher.find() ? matcher.group() : null;
  }

  /**
   * The matcher of the regular expression {@code regex} over {@code text}, for the function
   * {@code name}; NULL when the expression is NULL, as in StackQL's extension.
   */
  private static @Nullable Matcher matcher(String name, String text, @Nullable Object regex) {
    final String pattern = SqliteValues.text(regex);
    if (pattern == null) {
      return null;
    }
    try {
      return Pattern.compile(pattern).matcher(text);
    } catch (PatternSyntaxException e) {
      throw FunctionInputException.of(name, "invalid regular expression '"
          + e.getPattern() + "': " + e.getDescription());
    }
  }
}
