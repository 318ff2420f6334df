package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a result set as CSV (RFC 4180): a header row of column labels, then one record per row.
 * A field holding a comma, a double quote, CR or LF is enclosed in double quotes, with inner
 * quotes doubled. NULL is an empty field and an empty string is {@code ""}, so the two stay
 * apart (as in PostgreSQL's CSV). Records end with LF, as Unix tools expect.
 */
public final class CsvFormatter implements ResultFormatter {
  public static final CsvFormatter INSTANCE = new CsvFormatter();

  private CsvFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    final List<ResultColumn> columns = ResultColumn.of(resultSet.getMetaData());
    final StringBuilder record = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      record.append(i == 0 ? "" : ",").append(field(columns.get(i).label()));
    }
    out.print(record.append('\n'));
    long rows = 0;
    while (resultSet.next()) {
      rows++;
      record.setLength(0);
      for (int i = 0; i < columns.size(); i++) {
        final String value = resultSet.getString(i + 1);
        record.append(i == 0 ? "" : ",").append(value == null ? "" : field(value));
      }
      out.print(record.append('\n'));
    }
    return rows;
  }

  static String field(String value) {
    if (!value.isEmpty() && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
