package io.credql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a statement returns as a user reads it: each row's columns as text, in order. */
public final class QueryRows {
  private QueryRows() {
  }

  public static List<List<String>> of(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      final List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
