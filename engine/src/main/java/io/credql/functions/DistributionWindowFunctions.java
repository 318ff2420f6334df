package io.credql.functions;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Locale;

/**
 * SQLite's {@code percent_rank()} and {@code cume_dist()} window functions, which Calcite 1.41's
 * enumerable runtime cannot implement, written as what it can: over a window with partition P and
 * order O, {@code percent_rank()} is {@code (rank() - 1) / (count(*) - 1)} over P (0.0 in a
 * partition of one row, and for every row without O, where all rows are peers), and
 * {@code cume_dist()} is {@code count(*)} over P ordered by O (which counts the row's peers) divided
 * by {@code count(*)} over P. Both are reals, as in SQLite. A named window ({@code OVER w},
 * {@code OVER (w ORDER BY x)}) is looked up in the SELECT's WINDOW clause.
 */
final class DistributionWindowFunctions {
  private DistributionWindowFunctions() {
  }

  /** Rewrites the calls in a SELECT's select list and ORDER BY (not in its sub-queries). */
  static void rewrite(SqlSelect select) {
    final SqlShuttle shuttle = new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        if (call instanceof SqlSelect) {
          return call;
        }
        final SqlNode rewritten = rewrite(select, call);
        return rewritten != call ? rewritten : super.visit(call);
      }
    };
    final SqlNodeList items = select.getSelectList();
    if (items != null) {
      select.setSelectList((SqlNodeList) items.accept(shuttle));
    }
    final SqlNodeList order = select.getOrderList();
    if (order != null) {
      select.setOrderBy((SqlNodeList) order.accept(shuttle));
    }
  }

  private static SqlNode rewrite(SqlSelect select, SqlCall call) {
    if (call.getKind() != SqlKind.OVER || !(call.operand(0) instanceof SqlCall)) {
      return call;
    }
    final SqlCall function = call.operand(0);
    final String name = function.getOperator().getName().toLowerCase(Locale.ROOT);
    if (function.operandCount() != 0
        || !name.equals("percent_rank") && !name.equals("cume_dist")) {
      return call;
    }
    final SqlWindow window = resolve(select, call.operand(1));
    if (window == null) {
      return call;
    }
    final SqlParserPos pos = call.getParserPosition();
    final SqlNodeList partition = window.getPartitionList();
    final SqlNodeList order = window.getOrderList();
    final SqlNode rows = count(pos, partition, SqlNodeList.EMPTY);
    if (name.equals("cume_dist")) {
      return SqlStdOperatorTable.DIVIDE.createCall(pos, real(pos, count(pos, partition, order)),
          rows);
    }
    if (order.isEmpty()) {
      return real(pos, SqlLiteral.createExactNumeric("0", pos));
    }
    final SqlNode one = SqlLiteral.createExactNumeric("1", pos);
    final SqlNode rank = SqlStdOperatorTable.OVER.createCall(pos,
        SqlStdOperatorTable.RANK.createCall(pos), window(pos, partition, order));
    final SqlNode fraction = SqlStdOperatorTable.DIVIDE.createCall(pos,
        real(pos, SqlStdOperatorTable.MINUS.createCall(pos, rank, one)),
        SqlStdOperatorTable.MINUS.createCall(pos, count(pos, partition, SqlNodeList.EMPTY), one));
    return new SqlCase(pos, null,
        SqlNodeList.of(SqlStdOperatorTable.GREATER_THAN.createCall(pos, rows, one)),
        SqlNodeList.of(fraction), real(pos, SqlLiteral.createExactNumeric("0", pos)));
  }

  /** The window an OVER names or writes, with what it takes from a named window filled in. */
  private static @Nullable SqlWindow resolve(SqlSelect select, SqlNode over) {
    if (over instanceof SqlIdentifier) {
      return named(select, ((SqlIdentifier) over).getSimple());
    }
    if (!(over instanceof SqlWindow)) {
      return null;
    }
    final SqlWindow window = (SqlWindow) over;
    final SqlIdentifier reference = window.getRefName();
    if (reference == null) {
      return window;
    }
    final SqlWindow base = named(select, reference.getSimple());
    if (base == null) {
      return null;
    }
    return window(window.getParserPosition(),
        window.getPartitionList().isEmpty() ? base.getPartitionList() : window.getPartitionList(),
        window.getOrderList().isEmpty() ? base.getOrderList() : window.getOrderList());
  }

  private static @Nullable SqlWindow named(SqlSelect select, String name) {
    for (SqlNode node : select.getWindowList()) {
      final SqlWindow window = (SqlWindow) node;
      final SqlIdentifier declared = window.getDeclName();
      if (declared != null && declared.getSimple().equalsIgnoreCase(name)) {
        final SqlIdentifier reference = window.getRefName();
        // a window defined by itself is Calcite's error to report
        return reference != null && reference.getSimple().equalsIgnoreCase(name) ? null
            : resolve(select, window);
      }
    }
    return null;
  }

  private static SqlNode count(SqlParserPos pos, SqlNodeList partition, SqlNodeList order) {
    return SqlStdOperatorTable.OVER.createCall(pos,
        SqlStdOperatorTable.COUNT.createCall(pos, SqlIdentifier.star(pos)),
        window(pos, partition, order));
  }

  private static SqlWindow window(SqlParserPos pos, SqlNodeList partition, SqlNodeList order) {
    return new SqlWindow(pos, null, null, partition.clone(pos), order.clone(pos),
        SqlLiteral.createBoolean(false, pos), null, null, null);
  }

  private static SqlNode real(SqlParserPos pos, SqlNode value) {
    return SqlStdOperatorTable.CAST.createCall(pos, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
  }
}
