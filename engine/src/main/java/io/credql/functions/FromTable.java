package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table a FROM names ({@code aws.cloud_control.resources listing}), found in the catalog, with
 * the name the query calls it by: its alias, or the last part of its name.
 */
public record FromTable(String alias, SqlValidatorTable table) {
  /** The table {@code from} names, or null when it is not a named table the catalog has (a join, a subquery). */
  public static @Nullable FromTable of(SqlNode from, SqlValidatorCatalogReader catalog) {
    SqlNode table = from;
    String alias = null;
    if (from.getKind() == SqlKind.AS) {
      table = ((SqlCall) from).operand(0);
      alias = ((SqlIdentifier) ((SqlCall) from).operand(1)).getSimple();
    }
    if (!(table instanceof SqlIdentifier)) {
      return null;
    }
    final @Nullable SqlValidatorTable found = catalog.getTable(((SqlIdentifier) table).names);
    return found == null ? null
        : new FromTable(alias != null ? alias : Util.last(((SqlIdentifier) table).names), found);
  }
}
