package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes each row as a block of {@code column: value} lines under a {@code *** row N ***} line,
 * like MySQL's {@code \G}: the format for wide rows, such as a credential with its connection
 * details. Column names are aligned right so the values line up.
 */
public final class VerticalFormatter implements ResultFormatter {
  public static final VerticalFormatter INSTANCE = new VerticalFormatter();

  private VerticalFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    int width = 0;
    for (ResultColumn column : columns) {
      width = Math.max(width, PrintableText.width(column.label()));
    }
    long rows = 0;
    while (resultSet.next()) {
      rows++;
      out.println("*** row " + rows + " ***");
      for (int i = 0; i < columns.size(); i++) {
        final String label = columns.get(i).label();
        final String value = resultSet.getString(i + 1);
        out.println(" ".repeat(width - PrintableText.width(label)) + label + ": "
            + (value == null ? TableFormatter.NULL : PrintableText.of(value)));
      }
    }
    return rows;
  }
}
