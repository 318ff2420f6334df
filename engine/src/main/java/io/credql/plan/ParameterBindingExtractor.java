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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the parameter values in a filter condition: conjuncts of the form {@code param = value}
 * (either way round, casts allowed on the column), and disjunctions of such equalities on one
 * column ({@code IN} lists, and the {@code OR} a batched lookup join pushes down). A value is any
 * expression that reads no column of the scanned row. A conjunct on a column that is a response
 * field too is left to the scan to check (each row against the value its call was made with) when
 * the column is compared as it is, with a value of its kind; otherwise it stays in the filter.
 */
final class ParameterBindingExtractor {
  private ParameterBindingExtractor() {
  }

  /** Where the fields a filter reads come from in the scanned row. */
  interface ScanColumns {
    /** Each field is the scan's column of the same index. */
    ScanColumns IDENTITY = new ScanColumns() {
      @Override public int column(int field) {
        return field;
      }

      @Override public boolean isBare(int field) {
        return true;
      }
    };

    /** The scan column field {@code field} reads (through casts), or -1 if it computes something else. */
    int column(int field);

    /** Whether field {@code field} is its scan column as it is, not cast. */
    boolean isBare(int field);
  }

  /** The bindings a condition makes, and its conjuncts a row must still be checked against. */
  record Extraction(ParameterBindings bindings, List<RexNode> rest) {
  }

  static Extraction extract(RexNode condition, ResourceColumns columns, RexBuilder rexBuilder) {
    return extract(condition, columns, rexBuilder, ScanColumns.IDENTITY, Set.of());
  }

  /**
   * Like {@link #extract(RexNode, ResourceColumns, RexBuilder)} for a filter above a projection
   * ({@code scanColumns} maps its fields) over a scan already binding {@code bound}.
   */
  static Extraction extract(RexNode condition, ResourceColumns columns, RexBuilder rexBuilder,
      ScanColumns scanColumns, Set<String> bound) {
    final RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    final Map<String, List<RexNode>> bindings = new LinkedHashMap<>();
    final Set<String> checked = new LinkedHashSet<>();
    final List<RexNode> rest = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      final List<RexNode> disjuncts = RelOptUtil.disjunctions(conjunct);
      int column = -1;
      boolean bare = true;
      final List<RexNode> values = new ArrayList<>();
      for (RexNode disjunct : disjuncts) {
        final Equality equality = equality(disjunct, rexBuilder);
        if (equality == null || (column >= 0 && equality.column != column)) {
          column = -1;
          break;
        }
        column = equality.column;
        bare &= equality.bare;
        final RexNode value = uncastLiteral(equality.value);
        if (!values.contains(value)) {
          values.add(value);
        }
      }
      final int scanIndex = column < 0 ? -1 : scanColumns.column(column);
      if (scanIndex < 0 || scanIndex >= columns.size()) {
        rest.add(conjunct);
        continue;
      }
      final ResourceColumn resourceColumn = columns.get(scanIndex);
      final String name = resourceColumn.name();
      if (!resourceColumn.isParameter() || bindings.containsKey(name) || bound.contains(name)) {
        rest.add(conjunct);
        continue;
      }
      bindings.put(name, values);
      if (resourceColumn.isField()) {
        // The response has this column too, and a provider may answer more than was asked
        // (a filter it ignores, a case-insensitive match): each row is checked, by the scan when
        // it can compare as SQL's = would, else by the filter.
        if (bare && scanColumns.isBare(column) && comparable(resourceColumn, values)) {
          checked.add(name);
        } else {
          rest.add(conjunct);
        }
      }
    }
    return new Extraction(new ParameterBindings(bindings, checked), rest);
  }

  /**
   * Whether the scan compares rows of {@code column} with {@code values} as SQL's {@code =} does:
   * a text, integer, number or boolean column, and values of the same kind.
   */
  private static boolean comparable(ResourceColumn column, List<RexNode> values) {
    final SqlTypeName type = column.sqlType();
    if (type != SqlTypeName.BIGINT && type != SqlTypeName.DOUBLE && type != SqlTypeName.BOOLEAN
        && type != SqlTypeName.VARCHAR) {
      return false;
    }
    for (RexNode value : values) {
      if (value.getType().getSqlTypeName().getFamily() != type.getFamily()) {
        return false;
      }
    }
    return true;
  }

  /** A column compared to a value. */
  private static final class Equality {
    final int column;
    final RexNode value;
    /** Whether the column is compared as it is, not cast. */
    final boolean bare;

    Equality(int column, RexNode value, boolean bare) {
      this.column = column;
      this.value = value;
      this.bare = bare;
    }
  }

  private static @Nullable Equality equality(RexNode node, RexBuilder rexBuilder) {
    // Calcite simplifies "flag = TRUE" to "flag" and "flag = FALSE" to "NOT flag"
    if (node instanceof RexInputRef && node.getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return new Equality(((RexInputRef) node).getIndex(), rexBuilder.makeLiteral(true), true);
    }
    if ((node.getKind() == SqlKind.NOT || node.getKind() == SqlKind.IS_FALSE)
        && ((RexCall) node).getOperands().get(0) instanceof RexInputRef) {
      final RexInputRef flag = (RexInputRef) ((RexCall) node).getOperands().get(0);
      return flag.getType().getSqlTypeName() == SqlTypeName.BOOLEAN
          ? new Equality(flag.getIndex(), rexBuilder.makeLiteral(false), true) : null;
    }
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    final List<RexNode> operands = ((RexCall) node).getOperands();
    final int left = columnOf(operands.get(0));
    if (left >= 0 && isValue(operands.get(1))) {
      return new Equality(left, operands.get(1), operands.get(0) instanceof RexInputRef);
    }
    final int right = columnOf(operands.get(1));
    if (right >= 0 && isValue(operands.get(0))) {
      return new Equality(right, operands.get(0), operands.get(1) instanceof RexInputRef);
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
