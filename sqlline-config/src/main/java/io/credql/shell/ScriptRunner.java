package io.credql.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

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
      final String where = " in statement " + statement.number() + " (line " + statement.line() + "): ";
      try {
        final SQLWarning warning = execute(statement);
        if (warning != null) {
          // a statement that ran but left something undone (an outcome the audit log could not record)
          for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            err.println("Warning" + where + message(w));
          }
          err.flush();
          return 1;
        }
      } catch (SQLException | RuntimeException e) {
        // what has been printed so far stays in order with the message on a shared terminal
        out.flush();
        err.println("Error" + where + message(e));
        if (e instanceof SQLException) {
          for (SQLException next = ((SQLException) e).getNextException(); next != null;
              next = next.getNextException()) {
            err.println("In addition: " + message(next));
          }
        }
        err.flush();
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  /** Runs {@code statement}, printing its result; returns its warnings, or null. */
  private @Nullable SQLWarning execute(ScriptStatement statement) throws SQLException {
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
      out.flush();
      return jdbc.getWarnings();
    }
  }

  /**
   * The message of {@code e} on one line, control characters escaped: a provider's text cannot
   * move the cursor, colour the terminal, or forge an {@code Error in statement} line.
   */
  static String message(Exception e) {
    final String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName()
        : PrintableText.of(message.strip());
  }
}
