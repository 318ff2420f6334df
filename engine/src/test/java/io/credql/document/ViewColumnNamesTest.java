package io.credql.document;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A view's SELECT that gives two columns one name has the column names SQLite (sqlite-jdbc) gives it. */
class ViewColumnNamesTest {
  @Test void aViewGivingSeveralColumnsOneNameHasTheNamesSqliteGivesThem() throws SQLException {
    final String select = "SELECT region, JSON_EXTRACT(p, '$.AccountId') as account_id,"
        + " JSON_EXTRACT(p, '$.Region') as region, q AS Region, q AS id, p AS ID, q AS region FROM t";
    final List<String> sqlite = sqliteViewColumns("CREATE TABLE t (region, p, q)", select);
    assertEquals(List.of("region", "account_id", "region:1", "Region:2", "id", "ID:1", "region:3"), sqlite);
    assertEquals(sqlite, ViewOutputNames.of(select));
  }

  @Test void aNameEndingInAColonAndDigitsThatClashesIsCountedFromItsStem() throws SQLException {
    final List<String> sqlite = sqliteViewColumns("SELECT 1",
        "SELECT 1 AS a, 2 AS a, 3 AS \"a:1\", 4 AS \"b:7\", 5 AS b, 6 AS \"b:7\"");
    final ViewColumnNames names = new ViewColumnNames();
    final List<String> ours = new ArrayList<>();
    for (String name : List.of("a", "a", "a:1", "b:7", "b", "b:7")) {
      ours.add(names.add(name));
    }
    assertEquals(sqlite, ours);
  }

  /** The columns of a view of {@code select} in SQLite, after {@code setup}. */
  private static List<String> sqliteViewColumns(String setup, String select) throws SQLException {
    final List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement statement = connection.createStatement()) {
      statement.execute(setup);
      statement.execute("CREATE VIEW v AS " + select);
      try (ResultSet columns = statement.executeQuery("PRAGMA table_info(v)")) {
        while (columns.next()) {
          names.add(columns.getString("name"));
        }
      }
    }
    return names;
  }
}
