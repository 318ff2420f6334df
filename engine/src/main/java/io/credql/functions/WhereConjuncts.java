package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

/** The conditions a WHERE joins with AND, taken apart and put back together. */
public final class WhereConjuncts {
  private WhereConjuncts() {
  }

  /** The conditions {@code node} joins with AND, nested ANDs flattened; {@code node} alone otherwise. */
  public static List<SqlNode> of(SqlNode node) {
    final List<SqlNode> result = new ArrayList<>();
    if (node.getKind() == SqlKind.AND) {
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        result.addAll(of(operand));
      }
    } else {
      result.add(node);
    }
    return result;
  }

  /**
   * {@code conditions} joined by AND two at a time (an AND call of three operands prints only its
   * first two), or null for none.
   */
  public static @Nullable SqlNode and(List<SqlNode> conditions) {
    SqlNode result = null;
    for (SqlNode condition : conditions) {
      // not SqlUtil.andExpressions, which adds to an AND call's operands
      result = result == null ? condition
          : SqlStdOperatorTable.AND.createCall(condition.getParserPosition(), result, condition);
    }
    return result;
  }
}
