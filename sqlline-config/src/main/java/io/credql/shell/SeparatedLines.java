package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The layout the csv, tsv and text formats share: a line of column labels, then one line per row,
 * its fields joined by the format's separator and each written in the format's encoding; NULL is
 * an empty field.
 */
final class SeparatedLines {
  private SeparatedLines() {
  }

  /** Writes {@code resultSet} to its end; returns the number of rows written. */
  static long write(ResultSet resultSet, PrintStream out, char separator, UnaryOperator<String> field)
      throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    final StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      appendSeparator(line, i, separator).append(field.apply(columns.get(i).label()));
    }
    out.print(line.append('\n'));
    long rows = 0;
    while (resultSet.next()) {
      rows++;
      line.setLength(0);
      for (int i = 0; i < columns.size(); i++) {
        final String value = resultSet.getString(i + 1);
        appendSeparator(line, i, separator).append(value == null ? "" : field.apply(value));
      }
      out.print(line.append('\n'));
    }
    return rows;
  }

  private static StringBuilder appendSeparator(StringBuilder line, int column, char separator) {
    return column == 0 ? line : line.append(separator);
  }
}
