package io.credql.shell;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the script runner reports statements that return no rows. The engine has none yet, so a
 * stand-in connection answers with update counts.
 */
class ScriptRunnerTest {
  /** A connection whose every statement is an update of {@code count} rows; it logs the SQL. */
  private static Connection updating(long count, List<String> executed) {
    final Statement statement = (Statement) Proxy.newProxyInstance(
        ScriptRunnerTest.class.getClassLoader(), new Class<?>[] {Statement.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
          case "execute":
            executed.add((String) args[0]);
            return false;
          case "getLargeUpdateCount":
            return count;
          default:
            return null;
          }
        });
    return (Connection) Proxy.newProxyInstance(ScriptRunnerTest.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("createStatement") ? statement : null);
  }

  @Test void anUpdateReportsTheRowsItAffectedOnStandardError() {
    final List<String> executed = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status = new ScriptRunner(updating(3, executed), ResultFormat.CSV,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(StatementSplitter.split("DELETE FROM a WHERE b = 1; DELETE FROM a WHERE b = 2"));
    assertEquals(0, status);
    assertEquals(List.of("DELETE FROM a WHERE b = 1", "DELETE FROM a WHERE b = 2"), executed);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("3 row(s) affected\n3 row(s) affected\n", err.toString(StandardCharsets.UTF_8));
  }
}
