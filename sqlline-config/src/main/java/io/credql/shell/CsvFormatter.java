package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes a result set as CSV (RFC 4180): a header row of column labels, then one record per row.
 * A field holding a comma, a double quote, CR or LF is enclosed in double quotes, with inner
 * quotes doubled. NULL is an empty field and an empty string is {@code ""}, so the two stay
 * apart (as in PostgreSQL's CSV). Records end with LF, as Unix tools expect.
 *
 * <p>CSV has no escapes, so the other control characters, which no credential or name holds but a
 * hostile provider may send to drive the terminal that shows the file (ESC) or cut it short for
 * C programs (NUL), are written as the visible symbols Unicode has for them: U+0000 to U+001F as
 * U+2400 to U+241F ({@code ␀}, {@code ␛}), DEL as U+2421, and U+0080 to U+009F as U+FFFD.
 */
public final class CsvFormatter implements ResultFormatter {
  public static final CsvFormatter INSTANCE = new CsvFormatter();

  private CsvFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    return SeparatedLines.write(resultSet, out, ',', CsvFormatter::field);
  }

  static String field(String raw) {
    final String value = visible(raw);
    if (!value.isEmpty() && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** {@code value} with control characters other than tab, CR and LF as visible symbols. */
  private static String visible(String value) {
    if (value.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n')) {
      return value;
    }
    final StringBuilder shown = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (c == '\t' || c == '\r' || c == '\n' || !Character.isISOControl(c)) {
        shown.append(c);
      } else if (c < 0x20) {
        shown.append((char) (0x2400 + c));
      } else {
        shown.append(c == 0x7F ? '\u2421' : '\uFFFD');
      }
    }
    return shown.toString();
  }
}
