package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes a result set as tab-separated values: a header line of column labels, then one line per
 * row. Backslash, tab, LF and CR inside a value are written as {@code \\}, {@code \t},
 * {@code \n} and {@code \r} (PostgreSQL's text format), so every row is one line; NULL is empty.
 * Every other control character (ESC, NUL, DEL, U+0080 to U+009F) is written as {@code \x} and
 * two hex digits, as PostgreSQL reads it, so no terminal or C program sees it raw.
 */
public final class TsvFormatter implements ResultFormatter {
  public static final TsvFormatter INSTANCE = new TsvFormatter();

  private TsvFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    return SeparatedLines.write(resultSet, out, '\t', TsvFormatter::field);
  }

  static String field(String value) {
    final StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
      case '\\':
        escaped.append("\\\\");
        break;
      case '\t':
        escaped.append("\\t");
        break;
      case '\n':
        escaped.append("\\n");
        break;
      case '\r':
        escaped.append("\\r");
        break;
      default:
        if (Character.isISOControl(c) && c <= 0xFF) {
          escaped.append(String.format("\\x%02x", (int) c));
        } else {
          escaped.append(c);
        }
        break;
      }
    }
    return escaped.toString();
  }
}
