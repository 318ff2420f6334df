package io.credql.functions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLite itself (sqlite-jdbc) is the reference: every expression of the corpus gives in credql
 * the value and the storage class ({@code typeof}) it gives in SQLite. Known differences are
 * listed in docs/sqlite-divergences.md and kept out of the corpus; predicates are BOOLEAN in
 * credql where SQLite answers 1 or 0, so true is compared as 1.
 */
class SqliteDifferentialTest {
  private static final int BATCH = 100;
  private static Connection sqlite;
  private static Connection credql;

  @BeforeAll static void connect() throws SQLException {
    sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
    credql = DriverManager.getConnection("jdbc:credql:");
  }

  @AfterAll static void close() throws SQLException {
    sqlite.close();
    credql.close();
  }

  @Test void handPickedCallsGiveSqlitesValuesAndTypes() throws SQLException {
    final List<String> corpus = SqliteCorpus.handPicked();
    assertAgree(corpus);
  }

  @Test void hundredsOfGeneratedCallsGiveSqlitesValuesAndTypes() throws SQLException {
    final List<String> corpus = SqliteCorpus.generated(16, 600);
    assertTrue(corpus.size() >= 600);
    assertAgree(corpus);
  }

  @Test void jsonInsertReplaceSetAndRemoveEditDocumentsAsSqliteDoes() throws SQLException {
    assertAgree(SqliteCorpus.jsonEdits());
  }

  @Test void objectsAndArraysFromJsonFunctionsStayJsonWhenPassedToJsonFunctions() throws SQLException {
    assertAgree(SqliteCorpus.jsonValuesPassedOn());
  }

  @Test void scalarMaxAndMinPickTheArgumentSqlitePicks() throws SQLException {
    assertAgree(SqliteCorpus.scalarMinMax());
  }

  @Test void percentRankAndCumeDistGiveSqlitesRealsPerRow() throws SQLException {
    final String rows = "(SELECT 1 AS k, 'a' AS g, 10 AS v UNION ALL SELECT 2, 'a', 20"
        + " UNION ALL SELECT 3, 'a', 20 UNION ALL SELECT 4, 'a', 40 UNION ALL SELECT 5, 'b', 5"
        + " UNION ALL SELECT 6, 'c', 1 UNION ALL SELECT 7, 'c', NULL) AS t";
    for (String window : new String[] {"(ORDER BY t.v)", "(PARTITION BY t.g ORDER BY t.v)",
        "(PARTITION BY t.g ORDER BY t.v DESC)", "(PARTITION BY t.g)", "()",
        "(ORDER BY t.v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)", "w", "(w ORDER BY t.k)"}) {
      // rows() compares numbers with their storage class: both functions give reals
      final String select = "SELECT t.k, percent_rank() OVER " + window + ", cume_dist() OVER "
          + window + ", t.v FROM " + rows + " WINDOW w AS (PARTITION BY t.g) ORDER BY t.k";
      assertEquals(rows(sqlite, select), rows(credql, select), select);
    }
  }

  @Test void jsonEachAndJsonTreeGiveSqlitesRows() throws SQLException {
    final StringBuilder documents = new StringBuilder("(");
    for (int i = 0; i < SqliteCorpus.DOCUMENTS.length; i++) {
      documents.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS i, '")
          .append(SqliteCorpus.DOCUMENTS[i].replace("'", "''")).append("' AS doc");
    }
    documents.append(") AS t");
    final List<String> mismatches = new ArrayList<>();
    for (String function : new String[] {"json_each", "json_tree"}) {
      for (String path : new String[] {null, "$.a", "$.a.b", "$[1]", "$.users", "$.size",
          "$.\"a.b\""}) {
        final String sql = "SELECT t.i, j.key, j.\"value\", j.type, j.atom, j.fullkey, j.path, "
            + "j.parent IS NULL FROM " + documents + ", " + function + "(t.doc"
            + (path == null ? "" : ", '" + path + "'") + ") AS j";
        final List<String> expected = rows(sqlite, sql);
        final List<String> actual = rows(credql, sql);
        if (!expected.equals(actual)) {
          mismatches.add(sql + "\n   sqlite: " + expected + "\n   credql: " + actual);
        }
      }
    }
    assertEquals("", String.join("\n", mismatches));
  }

  @Test void aggregatesGiveSqlitesValues() throws SQLException {
    final String rows = "(SELECT 1 AS k, 'a' AS v UNION ALL SELECT 2, 'b' UNION ALL SELECT 3, NULL"
        + " UNION ALL SELECT 4, 'd') AS t";
    for (String select : new String[] {
        "SELECT json_group_array(t.v) FROM " + rows,
        "SELECT json_group_array(t.k) FROM " + rows,
        "SELECT json_group_object(t.v, t.k) FROM " + rows,
        "SELECT json_group_array(json_object('k', t.k, 'v', t.v)) FROM " + rows,
        "SELECT json_group_object(t.v, json_array(t.k, t.k)) FROM " + rows,
        "SELECT json_group_array(json_extract('{\"k\":[' || t.k || ']}', '$.k')) FROM " + rows,
        "SELECT json_group_object(t.v, json_extract('{\"k\":{\"v\":\"' || t.v || '\"}}', '$.k'))"
            + " FROM " + rows,
        "SELECT json_array(json_group_array(t.k), json_group_object(t.v, t.k)) FROM " + rows,
        "SELECT json_object('all', json_group_array(t.v)) FROM " + rows,
        "SELECT group_concat(t.v) FROM " + rows,
        "SELECT group_concat(t.v, ' | ') FROM " + rows,
        "SELECT group_concat(t.k, '') FROM " + rows,
        "SELECT string_agg(t.v, ';') FROM " + rows,
        "SELECT group_concat(t.v) FROM " + rows + " WHERE t.k > 10",
        "SELECT json_group_array(t.v) FROM " + rows + " WHERE t.k > 10"}) {
      assertEquals(rows(sqlite, select), rows(credql, select), select);
    }
  }

  @Test void aggregatesOverJsonValuesOfMixedClassesGiveSqlitesValues() throws SQLException {
    final String rows = "(SELECT 1 AS k, '{\"a\":3}' AS doc UNION ALL SELECT 2, '{\"a\":12}'"
        + " UNION ALL SELECT 3, '{\"a\":2.5}' UNION ALL SELECT 4, '{}' UNION ALL SELECT 5, '{\"a\":\"10\"}'"
        + " UNION ALL SELECT 6, '{\"a\":\"abc\"}' UNION ALL SELECT 7, '{\"a\":-4}') AS t";
    for (String select : new String[] {
        "SELECT max(json_extract(t.doc, '$.a')), min(json_extract(t.doc, '$.a')) FROM " + rows,
        "SELECT sum(json_extract(t.doc, '$.a')), avg(json_extract(t.doc, '$.a')),"
            + " total(json_extract(t.doc, '$.a')) FROM " + rows,
        "SELECT sum(json_extract(t.doc, '$.a')) FROM " + rows + " WHERE t.k IN (1, 2, 5, 7)",
        "SELECT sum(json_extract(t.doc, '$.a')), total(json_extract(t.doc, '$.a')) FROM " + rows
            + " WHERE t.k > 100",
        "SELECT max(t.doc ->> '$.a'), min(t.doc -> '$.a') FROM " + rows + " WHERE t.k < 5",
        "SELECT t.k % 2, max(json_extract(t.doc, '$.a')), count(json_extract(t.doc, '$.a')) FROM "
            + rows + " GROUP BY t.k % 2 ORDER BY 1",
        "SELECT t.k, max(json_extract(t.doc, '$.a')) OVER (ORDER BY t.k) FROM " + rows + " ORDER BY t.k",
        "SELECT json_array((SELECT max(json_extract(t.doc, '$.a')) FROM " + rows + "), 1)",
        "SELECT json_object('top', (SELECT min(t.k) FROM " + rows + "))"}) {
      assertEquals(rows(sqlite, select), rows(credql, select), select);
    }
  }

  @Test void jsonEachOverAFunctionsValueGivesSqlitesRows() throws SQLException {
    final String rows = "(SELECT 1 AS k, '{\"tags\":[\"a\",2]}' AS doc UNION ALL SELECT 2, '{\"tags\":[]}') AS t";
    for (String select : new String[] {
        "SELECT t.k, j.key, j.\"value\" FROM " + rows + ", json_each(json_extract(t.doc, '$.tags')) AS j"
            + " ORDER BY t.k, j.key",
        "SELECT t.k, count(*) FROM " + rows + " JOIN json_tree(json_extract(t.doc, '$')) AS j ON j.type = 'text'"
            + " GROUP BY t.k"}) {
      assertEquals(rows(sqlite, select), rows(credql, select), select);
    }
  }

  @Test void statementShapesOfStackqlsLanguagePagesGiveSqlitesRows() throws SQLException {
    final String rows = "(SELECT 1 AS k, 'a' AS g, 10 AS v, '{\"a\":2,\"tags\":[\"x\",\"y\"]}' AS doc, 'orders-prod' AS s"
        + " UNION ALL SELECT 2, 'a', NULL, '{\"a\":\"abc\",\"tags\":[]}', 'analytics'"
        + " UNION ALL SELECT 3, 'b', 5, '{\"a\":1.5,\"tags\":[\"z\"]}', 'staging-api'"
        + " UNION ALL SELECT 4, 'b', 7, '{}', 'legacy' UNION ALL SELECT 5, 'c', 2, '{\"a\":-3}', 'db') AS t";
    for (String select : new String[] {
        // window forms of SQLite's total and JSON aggregates (windowing_functions.md, total.md)
        "SELECT t.k, total(t.v) OVER (ORDER BY t.k) FROM " + rows + " ORDER BY t.k",
        "SELECT t.k, total(t.v) OVER (PARTITION BY t.g) FROM " + rows + " ORDER BY t.k",
        "SELECT t.k, json_group_array(t.v) OVER (ORDER BY t.k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM "
            + rows + " ORDER BY t.k",
        "SELECT t.k, json_group_object(t.s, t.v) OVER (PARTITION BY t.g) FROM " + rows + " ORDER BY t.k",
        // a SELECT without FROM has a WHERE in SQLite
        "SELECT 1 WHERE 1 = 1",
        "SELECT 1 WHERE 1 = 0",
        "SELECT 'x' AS a, 2 WHERE 'a' < 'b' UNION ALL SELECT t.s, t.k FROM " + rows + " WHERE t.k = 1",
        // sorting values of mixed kinds: NULL, numbers by value, then texts
        "SELECT t.k, json_extract(t.doc, '$.a') FROM " + rows + " ORDER BY json_extract(t.doc, '$.a'), t.k",
        "SELECT t.k, json_extract(t.doc, '$.a') AS a FROM " + rows + " ORDER BY a DESC, t.k",
        "SELECT json_extract(t.doc, '$.a') FROM " + rows + " ORDER BY 1 LIMIT 2",
        "SELECT t.g, max(t.k) FROM " + rows + " GROUP BY t.g ORDER BY json_extract(max(t.doc), '$.a')",
        // json_each named after itself (json_each.md, with.md)
        "SELECT t.k, json_each.value FROM " + rows + ", json_each(json_extract(t.doc, '$.tags'))"
            + " ORDER BY t.k, json_each.key",
        "SELECT t.k, sum(json_each.value) FROM " + rows + ", JSON_EACH('[1,2,3]') GROUP BY t.k ORDER BY t.k",
        "SELECT json_each.key, json_each.value FROM json_each('{\"a\":1,\"b\":\"two\"}') ORDER BY 1",
        // substring is SQLite's substr (substring.md: "last five chars")
        "SELECT substring(t.s, -5), substring(t.s, 1, 5), SUBSTRING(t.s, 5) FROM " + rows + " ORDER BY t.k",
        // avg is a real (avg.md)
        "SELECT avg(t.k), avg(json_array_length(t.doc, '$.tags')) FROM " + rows,
        "SELECT t.g, avg(t.v) FROM " + rows + " GROUP BY t.g ORDER BY t.g",
        "SELECT t.k, avg(t.k) OVER (ORDER BY t.k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM " + rows
            + " ORDER BY t.k",
        // bare columns take the row of the one max or min (max.md: SELECT name, location, max(timeCreated))
        "SELECT t.s, t.g, max(t.k) FROM " + rows,
        "SELECT t.v, max(t.k) FROM " + rows + " WHERE t.k <= 2",
        "SELECT t.g, t.v, min(t.s) FROM " + rows + " GROUP BY t.g ORDER BY t.g",
        "SELECT t.s AS name, t.g, max(t.v) AS top FROM " + rows + " GROUP BY t.g ORDER BY t.g",
        "SELECT t.g, min(t.k), t.s, count(*) FROM " + rows + " GROUP BY t.g ORDER BY t.g",
        "SELECT t.g, t.k, t.s FROM " + rows + " GROUP BY 1 HAVING max(t.k) > 1 ORDER BY 1",
        "SELECT x.g, x.gg, count(*) FROM (SELECT t.g, upper(t.g) AS gg FROM " + rows + ") AS x GROUP BY x.g"
            + " ORDER BY x.g"}) {
      assertEquals(rows(sqlite, select), rows(credql, select), select);
    }
  }

  private static void assertAgree(List<String> corpus) throws SQLException {
    final List<String> mismatches = new ArrayList<>();
    for (int from = 0; from < corpus.size(); from += BATCH) {
      final List<String> batch = corpus.subList(from, Math.min(corpus.size(), from + BATCH));
      List<Value> actual;
      try {
        actual = credqlValues(batch);
      } catch (SQLException e) {
        actual = null;
      }
      final List<Value> expected = sqliteValues(batch);
      for (int i = 0; i < batch.size(); i++) {
        Value got;
        if (actual != null) {
          got = actual.get(i);
        } else {
          try {
            got = credqlValues(List.of(batch.get(i))).get(0);
          } catch (SQLException e) {
            got = new Value("error", e.getMessage());
          }
        }
        if (!expected.get(i).sameAs(got)) {
          mismatches.add(batch.get(i) + "\n   sqlite: " + expected.get(i) + "\n   credql: " + got);
        }
      }
    }
    assertEquals("", String.join("\n", mismatches), mismatches.size() + " of " + corpus.size()
        + " expressions differ from SQLite");
  }

  private static final String FROM = " FROM (SELECT '"
      + SqliteCorpus.DOCUMENTS[0].replace("'", "''") + "' AS doc, 7 AS n) AS t";

  private static List<Value> sqliteValues(List<String> expressions) throws SQLException {
    final StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < expressions.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(expressions.get(i)).append(", typeof(")
          .append(expressions.get(i)).append(')');
    }
    try (Statement s = sqlite.createStatement();
         ResultSet rs = s.executeQuery(sql + FROM)) {
      rs.next();
      final List<Value> values = new ArrayList<>();
      for (int i = 0; i < expressions.size(); i++) {
        final String type = rs.getString(2 * i + 2);
        final Object value = rs.getObject(2 * i + 1);
        values.add(new Value(type, value == null ? null : value.toString()));
      }
      return values;
    }
  }

  private static List<Value> credqlValues(List<String> expressions) throws SQLException {
    final String sql = "SELECT " + String.join(", ", expressions) + FROM;
    try (Statement s = credql.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      final List<Value> values = new ArrayList<>();
      for (int i = 1; i <= expressions.size(); i++) {
        Object value = rs.getObject(i);
        if (value instanceof Boolean) {
          value = (Boolean) value ? 1L : 0L;
        }
        values.add(new Value(SqliteValues.storageClass(value), value == null ? null
            : value instanceof BigDecimal && ((BigDecimal) value).scale() > 0
                ? Double.toString(((BigDecimal) value).doubleValue()) : value.toString()));
      }
      return values;
    }
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      final int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          if (value instanceof Boolean) {
            value = (Boolean) value ? 1 : 0;
          }
          row.append(i == 1 ? "" : "|").append(value instanceof Number
              ? new Value(SqliteValues.storageClass(value), value.toString()) : value);
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** A value as text with its storage class; reals compare as numbers. */
  private static final class Value {
    final String type;
    final String text;

    Value(String type, String text) {
      this.type = type;
      this.text = text;
    }

    boolean sameAs(Value other) {
      if (!type.equals(other.type)) {
        return false;
      }
      if (type.equals("real")) {
        final double a = Double.parseDouble(text);
        final double b = Double.parseDouble(other.text);
        return a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
      }
      return text == null ? other.text == null : text.equals(other.text);
    }

    @Override public String toString() {
      if (type.equals("real")) {
        return "real " + Double.parseDouble(text);
      }
      return type + " " + text;
    }
  }
}
