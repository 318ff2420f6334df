package io.credql.statement;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.credql.jdbc.QueryRows.labels;
import static io.credql.jdbc.QueryRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHOW INSERT INTO's template, and SHOW with WHERE and LIKE as StackQL writes them. Nothing is called. */
class ShowStatementsTest {
  private static List<List<String>> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/statement-providers").toAbsolutePath() + ","
        + Paths.get("src/test/resources/providers").toAbsolutePath());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  @Test void showInsertIntoPrintsStackqlsTemplateWithQuotedTextAndBareNumbers() throws SQLException {
    assertEquals(List.of(List.of("INSERT INTO relay.core.servers(\n"
        + "  serverName,\n"
        + "  default,\n"
        + "  location,\n"
        + "  size,\n"
        + "  user\n"
        + ")\n"
        + "SELECT\n"
        + "  '{{ .values.serverName }}',\n"
        + "   {{ .values.default }},\n"
        + "  '{{ .values.location }}',\n"
        + "   {{ .values.size }},\n"
        + "  '{{ .values.user }}'\n"
        + ";")), query("SHOW INSERT INTO relay.core.servers"));
  }

  @Test void theRequiredHintAndAColumnListNarrowTheTemplate() throws SQLException {
    assertEquals(List.of(List.of("INSERT INTO relay.core.servers(\n  serverName,\n  location\n)\n"
        + "SELECT\n  '{{ .values.serverName }}',\n  '{{ .values.location }}'\n;")),
        query("SHOW INSERT /*+ REQUIRED */ INTO relay.core.servers"));
    assertEquals(List.of(List.of("INSERT INTO relay.core.servers(\n  serverName,\n  size\n)\n"
        + "SELECT\n  '{{ .values.serverName }}',\n   {{ .values.size }}\n;")),
        query("SHOW INSERT INTO relay.core.servers (serverName, size)"));
  }

  @Test void showInsertOnAResourceWithoutInsertSaysSo() {
    final SQLException e = assertThrows(SQLException.class,
        () -> query("SHOW INSERT INTO relay.core.operations"));
    assertTrue(e.getMessage().contains("INSERT not supported for relay.core.operations"), e.getMessage());
  }

  @Test void showWhereFiltersOnAnyColumnAsASelectWould() throws SQLException {
    assertEquals(List.of(List.of("restart", "serverName", "EXEC"), List.of("_get", "serverName", "EXEC")),
        query("SHOW METHODS IN relay.core.servers WHERE SQLVerb = 'EXEC'"));
    assertEquals(List.of(List.of("create", "serverName, location", "INSERT")),
        query("SHOW METHODS IN relay.core.servers WHERE MethodName LIKE 'cre%' AND RequiredParams LIKE '%location%'"));
    assertEquals(List.of(List.of("operations", "relay.core.operations")),
        query("SHOW RESOURCES IN relay.core WHERE name LIKE '%op%'"));
    assertEquals(List.of(List.of("core:v1", "core", "Relay core API")),
        query("SHOW SERVICES IN relay LIKE 'co%'"));
    assertEquals(List.of(), query("SHOW PROVIDERS WHERE name = 'nobody'"));
  }

  @Test void aShowWhereOnAColumnShowDoesNotHaveNamesIt() {
    final SQLException e = assertThrows(SQLException.class,
        () -> query("SHOW RESOURCES IN relay.core WHERE colour = 'red'"));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test void showVersionAnswersWithStackqlsColumnsAndNeedsNoProvider() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW VERSION")) {
        assertEquals(List.of("version"), labels(rs));
        assertEquals(List.of(List.of(io.credql.session.CredqlSession.VERSION)), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("SHOW EXTENDED VERSION")) {
        assertEquals(List.of("version", "commit", "build_date", "platform"), labels(rs));
        final List<String> row = rows(rs).get(0);
        assertEquals(io.credql.session.CredqlSession.VERSION, row.get(0));
        assertTrue(row.get(3).matches("[a-z0-9_ ]+/[a-z0-9_]+"), row.get(3));
      }
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SHOW VERSION IN linode"));
      assertTrue(e.getMessage().contains("SHOW VERSION takes no IN"), e.getMessage());
    }
  }
}
