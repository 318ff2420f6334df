package io.credql.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A statement that does not parse is answered with what the user meant, in one line. */
class StatementFormsTest {
  private static Connection connection;

  @BeforeAll static void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:credql:");
  }

  @AfterAll static void close() throws SQLException {
    connection.close();
  }

  private static String error(String sql) {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    });
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test void aMisspeltStatementWordIsNamedWithTheWordMeant() {
    // StackQL's own blog writes "REGSITRY PULL google"
    assertEquals("syntax error at line 2, column 1: REGSITRY does not begin a statement (did you mean"
        + " REGISTRY?); statements begin with SELECT, WITH, VALUES, INSERT, UPDATE, REPLACE, DELETE, EXEC,"
        + " SHOW, DESCRIBE, DESC, REGISTRY, CREATE, DROP, REFRESH, EXPLAIN, USE, SLEEP",
        error("-- run from stackql shell\nREGSITRY PULL google"));
    assertEquals("syntax error at line 1, column 1: SELEC does not begin a statement (did you mean SELECT?);"
        + " statements begin with SELECT, WITH, VALUES, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE,"
        + " DESC, REGISTRY, CREATE, DROP, REFRESH, EXPLAIN, USE, SLEEP", error("SELEC 1"));
  }

  @Test void aStackqlStatementThatDoesNotParseIsGivenItsForms() {
    assertEquals("syntax error at line 1, column 1: Incorrect syntax near the keyword 'SHOW' at line 1,"
        + " column 1. SHOW takes: SHOW [EXTENDED] PROVIDERS | SERVICES IN provider | RESOURCES IN"
        + " provider.service | METHODS IN provider.service.resource | INSERT INTO provider.service.resource"
        + " | VERSION, then LIKE 'pattern' or WHERE condition", error("SHOW PROVIDER"));
    assertEquals("REGISTRY takes: REGISTRY LIST [provider] | REGISTRY PULL provider [version]",
        error("REGISTRY FOO").replaceFirst("^.*\\. ", ""));
    // a parser message that ends in a full stop gets no second one
    assertEquals("syntax error at line 1, column 27: Encountered \" \"<\" \"< \"\" at line 1, column 27."
        + " REFRESH takes: REFRESH MATERIALIZED VIEW name", error("REFRESH MATERIALIZED VIEW <viewName>"));
  }
}
