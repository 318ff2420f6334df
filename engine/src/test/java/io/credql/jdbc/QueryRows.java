package io.credql.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a statement returns as a user reads it: its column labels, and each row's columns as text, in order. */
public final class QueryRows {
  private QueryRows() {
  }

  /** The rows of {@code sql} run on {@code statement}. */
  public static List<List<String>> of(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** The rest of {@code rs}'s rows. */
  public static List<List<String>> rows(ResultSet rs) throws SQLException {
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

  /** {@code rs}'s column labels. */
  public static List<String> labels(ResultSet rs) throws SQLException {
    final ResultSetMetaData md = rs.getMetaData();
    final List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    return labels;
  }
}
