package io.credql.linode;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQLite's functions over Linode's JSON and date columns, as StackQL's docs use them. */
class LinodeFunctionsTest {
  private static List<String> rows(String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i == 1 ? "" : "|").append(rs.getMetaData().getColumnLabel(i)).append('=')
              .append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test void jsonAndDateColumnsOfADatabaseReadAsInStackql() throws SQLException {
    final List<String> rows = rows("SELECT label, json_extract(hosts, '$.primary'),"
        + " date(created) AS created_on, CASE WHEN status = 'active' THEN 'up' ELSE 'stopped' END"
        + " FROM linode.databases.postgresql_instances");
    assertFalse(rows.isEmpty());
    for (String row : rows) {
      assertTrue(row.matches("label=[^|]+\\|json_extract\\(hosts, '\\$\\.primary'\\)=[^|]+"
          + "\\|created_on=\\d{4}-\\d{2}-\\d{2}"
          + "\\|CASE WHEN status = 'active' THEN 'up' ELSE 'stopped' END=(up|stopped)"), row);
    }
  }

  @Test void jsonEachGivesOneRowPerAllowedAddressRange() throws SQLException {
    final List<String> perElement = rows("SELECT i.label, a.atom AS allowed"
        + " FROM linode.databases.postgresql_instances i, json_each(i.allow_list) a");
    final List<String> counted = rows("SELECT label, json_array_length(allow_list) AS n"
        + " FROM linode.databases.postgresql_instances");
    int total = 0;
    for (String row : counted) {
      total += Integer.parseInt(row.substring(row.lastIndexOf('=') + 1));
    }
    assertEquals(total, perElement.size());
    assertTrue(total > 0);
  }
}
