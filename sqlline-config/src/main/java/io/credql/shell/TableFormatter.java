package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a result set as an aligned table, the way psql does: a centred header, a separator
 * line, one line per row, numbers aligned right. NULL is written as {@code NULL}, so that it
 * stands apart from an empty string; control characters are escaped to keep each row on one line.
 */
public final class TableFormatter implements ResultFormatter {
  public static final TableFormatter INSTANCE = new TableFormatter();

  static final String NULL = "NULL";

  private TableFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    final int n = columns.size();
    final int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = PrintableText.width(columns.get(i).label());
    }
    final List<String[]> rows = new ArrayList<>();
    while (resultSet.next()) {
      final String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        final String value = resultSet.getString(i + 1);
        row[i] = value == null ? NULL : PrintableText.of(value);
        widths[i] = Math.max(widths[i], PrintableText.width(row[i]));
      }
      rows.add(row);
    }

    final StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      final String label = columns.get(i).label();
      final int space = widths[i] - PrintableText.width(label);
      line.append(i == 0 ? " " : " | ").append(" ".repeat(space / 2)).append(label);
      if (i < n - 1) {
        line.append(" ".repeat(space - space / 2));
      }
    }
    out.println(line);
    line.setLength(0);
    for (int i = 0; i < n; i++) {
      line.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.println(line);
    for (String[] row : rows) {
      line.setLength(0);
      for (int i = 0; i < n; i++) {
        final String pad = " ".repeat(widths[i] - PrintableText.width(row[i]));
        line.append(i == 0 ? " " : " | ");
        if (columns.get(i).isNumeric()) {
          line.append(pad).append(row[i]);
        } else {
          line.append(row[i]).append(i < n - 1 ? pad : "");
        }
      }
      out.println(line);
    }
    return rows.size();
  }
}
