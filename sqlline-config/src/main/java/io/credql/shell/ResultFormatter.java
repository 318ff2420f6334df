package io.credql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes the rows of a result set to standard output in one of the {@link ResultFormat}s. */
public interface ResultFormatter {
  /**
   * Reads the result set to its end and writes it.
   *
   * @return the number of rows written
   */
  long write(ResultSet resultSet, PrintStream out) throws SQLException;
}
