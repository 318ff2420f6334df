package io.credql.statement;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a user sees of a result set, for the statement tests: its column labels and rows as text. */
final class ResultRows {
  private ResultRows() {
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    final List<List<String>> rows = new ArrayList<>();
    final int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      final List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getString(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static List<String> labels(ResultSet rs) throws SQLException {
    final ResultSetMetaData md = rs.getMetaData();
    final List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    return labels;
  }
}
