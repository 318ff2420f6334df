package io.credql.statement;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Table of a materialized view: the rows its query returned when it was created or last
 * refreshed, held by the connection in memory only (they may hold secrets), and the query to
 * refresh them with.
 */
final class SnapshotTable extends AbstractTable implements ScannableTable {
  private final String sql;
  private final List<ResultColumn> columns;
  private volatile List<Object[]> rows;

  SnapshotTable(String sql, List<ResultColumn> columns, List<Object[]> rows) {
    this.sql = requireNonNull(sql, "sql");
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  /** The view's query. */
  String sql() {
    return sql;
  }

  List<ResultColumn> columns() {
    return columns;
  }

  /** Replaces the rows with a new run of the query (same columns). */
  void refresh(List<Object[]> newRows) {
    this.rows = List.copyOf(newRows);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    final RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ResultColumn column : columns) {
      builder.add(column.name(),
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(column.type()), true));
    }
    return builder.build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows);
  }
}
