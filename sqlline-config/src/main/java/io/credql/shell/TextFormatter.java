package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Writes a result set as StackQL's {@code --output text} does ({@code RawWriter} in StackQL's
 * {@code internal/stackql/output}): a header line of column labels, then one line per row,
 * fields joined by commas with no quoting. NULL is an empty field. Made for reading one value
 * per line in a shell pipeline, not for parsing: use csv when values may hold commas.
 */
public final class TextFormatter implements ResultFormatter {
  public static final TextFormatter INSTANCE = new TextFormatter();

  private TextFormatter() {
  }

  @Override public long write(ResultSet resultSet, PrintStream out) throws SQLException {
    return SeparatedLines.write(resultSet, out, ',', UnaryOperator.identity());
  }
}
