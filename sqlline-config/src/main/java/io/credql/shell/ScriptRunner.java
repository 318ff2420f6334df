package io.credql.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs the statements of a script in order on one connection, as {@code -e} and {@code -f} do:
 * result sets go to standard output in the chosen format, update counts and errors to standard
 * error. The first failing statement ends the script, because later statements (a reset after a
 * read, say) usually depend on the earlier ones.
 */
public final class ScriptRunner {
  private final Connection connection;
  private final ResultFormat format;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean hideHeaders;

  public ScriptRunner(Connection connection, ResultFormat format, PrintStream out, PrintStream err) {
    this(connection, format, out, err, false);
  }

  /** A runner that, with {@code hideHeaders}, leaves out each result set's header line ({@code -H}). */
  public ScriptRunner(Connection connection, ResultFormat format, PrintStream out, PrintStream err,
      boolean hideHeaders) {
    this.hideHeaders = hideHeaders;
    this.connection = requireNonNull(connection, "connection");
    this.format = requireNonNull(format, "format");
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
  }

  /**
   * Runs the statements.
   *
   * @return the exit status: 0 if every statement succeeded, 1 if one failed
   */
  public int run(List<ScriptStatement> statements) {
    for (ScriptStatement statement : statements) {
      try {
        execute(statement);
      } catch (SQLException | RuntimeException e) {
        // what has been printed so far stays in order with the message on a shared terminal
        out.flush();
        err.println("Error in statement " + statement.number() + " (line " + statement.line()
            + "): " + message(e));
        err.flush();
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  private void execute(ScriptStatement statement) throws SQLException {
    try (Statement jdbc = connection.createStatement()) {
      if (jdbc.execute(statement.text())) {
        try (ResultSet resultSet = jdbc.getResultSet()) {
          final PrintStream target = hideHeaders ? HeaderDroppingStream.of(out) : out;
          final long rows = format.formatter().write(resultSet, target);
          target.flush();
          if (format.forPeople()) {
            out.flush();
            err.println(rows == 1 ? "(1 row)" : "(" + rows + " rows)");
          }
        }
      } else {
        final long count = jdbc.getLargeUpdateCount();
        if (count >= 0) {
          out.flush();
          err.println(count + " row(s) affected");
        }
      }
    }
  }

  private static String message(Exception e) {
    final String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
