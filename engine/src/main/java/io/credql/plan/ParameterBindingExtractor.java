package io.credql.plan;

import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Finds the parameter values in a filter condition: conjuncts of the form {@code param = value}
 * (either way round, casts allowed on the column), and disjunctions of such equalities on one
 * column ({@code IN} lists, and the {@code OR} a batched lookup join pushes down). A value is any
 * expression that reads no column of the scanned row.
 */
final class ParameterBindingExtractor {
  private ParameterBindingExtractor() {
  }

  static ParameterBindings extract(RexNode condition, ResourceColumns columns, RexBuilder rexBuilder) {
    return extract(condition, columns, rexBuilder, IntUnaryOperator.identity());
  }

  /**
   * Like {@link #extract(RexNode, ResourceColumns, RexBuilder)} for a filter above a projection:
   * {@code scanColumn} maps the filter's input field to the scan's column, or to -1.
   */
  static ParameterBindings extract(RexNode condition, ResourceColumns columns, RexBuilder rexBuilder,
      IntUnaryOperator scanColumn) {
    final RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    final Map<String, List<RexNode>> bindings = new LinkedHashMap<>();
    boolean complete = true;
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      final List<RexNode> disjuncts = RelOptUtil.disjunctions(conjunct);
      int column = -1;
      final List<RexNode> values = new ArrayList<>();
      for (RexNode disjunct : disjuncts) {
        final Equality equality = equality(disjunct, rexBuilder);
        if (equality == null || (column >= 0 && equality.column != column)) {
          column = -1;
          break;
        }
        column = equality.column;
        final RexNode value = uncastLiteral(equality.value);
        if (!values.contains(value)) {
          values.add(value);
        }
      }
      final int scanIndex = column < 0 ? -1 : scanColumn.applyAsInt(column);
      if (scanIndex < 0 || scanIndex >= columns.size()) {
        complete = false;
        continue;
      }
      final ResourceColumn resourceColumn = columns.get(scanIndex);
      if (resourceColumn.isParameter() && !bindings.containsKey(resourceColumn.name())) {
        bindings.put(resourceColumn.name(), values);
      } else {
        complete = false;
      }
      if (resourceColumn.isField()) {
        // The response has this column too, and a provider may answer more than was asked
        // (a filter it ignores, a case-insensitive match): the predicate stays to check each row.
        complete = false;
      }
    }
    return new ParameterBindings(bindings, complete);
  }

  /** A column compared to a value. */
  private static final class Equality {
    final int column;
    final RexNode value;

    Equality(int column, RexNode value) {
      this.column = column;
      this.value = value;
    }
  }

  private static @Nullable Equality equality(RexNode node, RexBuilder rexBuilder) {
    // Calcite simplifies "flag = TRUE" to "flag" and "flag = FALSE" to "NOT flag"
    if (node instanceof RexInputRef && node.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return new Equality(((RexInputRef) node).getIndex(), rexBuilder.makeLiteral(true));
    }
    if ((node.getKind() == SqlKind.NOT || node.getKind() == SqlKind.IS_FALSE)
        && ((RexCall) node).getOperands().get(0) instanceof RexInputRef) {
      final RexInputRef flag = (RexInputRef) ((RexCall) node).getOperands().get(0);
      return flag.getType().getSqlTypeName() == SqlTypeName.BOOLEAN
          ? new Equality(flag.getIndex(), rexBuilder.makeLiteral(false)) : null;
    }
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    final List<RexNode> operands = ((RexCall) node).getOperands();
    final int left = columnOf(operands.get(0));
    if (left >= 0 && isValue(operands.get(1))) {
      return new Equality(left, operands.get(1));
    }
    final int right = columnOf(operands.get(1));
    if (right >= 0 && isValue(operands.get(0))) {
      return new Equality(right, operands.get(0));
    }
    return null;
  }

  /**
   * A literal as written ({@code 'abc'} rather than {@code CAST('abc' AS BIGINT)}), so that a value
   * of the wrong type is reported by the input check, naming the parameter, instead of failing in
   * a cast.
   */
  private static RexNode uncastLiteral(RexNode value) {
    RexNode current = value;
    while (current.getKind() == SqlKind.CAST) {
      current = ((RexCall) current).getOperands().get(0);
    }
    return current instanceof org.apache.calcite.rex.RexLiteral ? current : value;
  }

  private static int columnOf(RexNode node) {
    RexNode current = node;
    while (current.getKind() == SqlKind.CAST) {
      current = ((RexCall) current).getOperands().get(0);
    }
    return current instanceof RexInputRef ? ((RexInputRef) current).getIndex() : -1;
  }

  private static boolean isValue(RexNode node) {
    return !RexUtil.containsInputRef(node) && RexUtil.isDeterministic(node)
        && !RexOver.containsOver(node);
  }
}
