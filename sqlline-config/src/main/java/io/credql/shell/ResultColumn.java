package io.credql.shell;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A column of a result set as the formatters need it: its label and its JDBC type.
 *
 * @param label    the column's label, as {@link ResultSetMetaData#getColumnLabel} gives it
 * @param jdbcType the column's {@link Types} code
 */
public record ResultColumn(String label, int jdbcType) {
  public ResultColumn {
    requireNonNull(label, "label");
  }

  /** The columns of a result set, in order. */
  public static List<ResultColumn> of(ResultSetMetaData metaData) throws SQLException {
    final List<ResultColumn> columns = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      columns.add(new ResultColumn(metaData.getColumnLabel(i), metaData.getColumnType(i)));
    }
    return columns;
  }

  /** Whether values are whole numbers. */
  public boolean isInteger() {
    switch (jdbcType) {
    case Types.TINYINT:
    case Types.SMALLINT:
    case Types.INTEGER:
    case Types.BIGINT:
      return true;
    default:
      return false;
    }
  }

  /** Whether values are numbers, whole or not. */
  public boolean isNumeric() {
    switch (jdbcType) {
    case Types.REAL:
    case Types.FLOAT:
    case Types.DOUBLE:
    case Types.DECIMAL:
    case Types.NUMERIC:
      return true;
    default:
      return isInteger();
    }
  }

  /** Whether values are true or false. */
  public boolean isBoolean() {
    return jdbcType == Types.BOOLEAN || jdbcType == Types.BIT;
  }
}
