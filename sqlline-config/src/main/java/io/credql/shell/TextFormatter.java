package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a result set as StackQL's {@code --output text} does ({@code RawWriter} in StackQL's
 * {@code internal/stackql/output}): a header line of column labels, then one line per row,
 * fields joined by commas with no quoting. NULL is an empty field. Made for reading one value
 * per line in a shell pipeline, not for parsing: use csv when values may hold commas.
 */
public final class TextFormatter implements ResultFormatter {
  public static final TextFormatter INSTANCE = new TextFormatter();

  private TextFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    final StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      line.append(i == 0 ? "" : ",").append(columns.get(i).label());
    }
    out.print(line.append('\n'));
    long rows = 0;
    while (resultSet.next()) {
      rows++;
      line.setLength(0);
      for (int i = 0; i < columns.size(); i++) {
        final String value = resultSet.getString(i + 1);
        line.append(i == 0 ? "" : ",").append(value == null ? "" : value);
      }
      out.print(line.append('\n'));
    }
    return rows;
  }
}
