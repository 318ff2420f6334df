package io.credql.plan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.ConstantExpression;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.ExpressionType;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.UnaryExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Relational expression representing a large list of constant rows, such as the values of a long
 * {@code IN (...)} list, that the generated code reads from the query's context instead of
 * spelling each row out: Calcite's own {@code EnumerableValues} writes every value into the
 * compiled code, which a Java method cannot hold past some thousands of values.
 */
public final class StashedValues extends Values implements EnumerableRel {
  /** The rows, each an {@code Object[]} or (one column) the value itself, as the Java the code reads. */
  private final List<@Nullable Object> rows;

  private StashedValues(RelOptCluster cluster, RelDataType rowType,
      ImmutableList<ImmutableList<RexLiteral>> tuples, RelTraitSet traits, List<@Nullable Object> rows) {
    super(cluster, rowType, tuples, traits);
    this.rows = rows;
  }

  /** A stashed copy of {@code values}, or null if one of its literals has no plain Java value. */
  static @Nullable StashedValues of(Values values) {
    final JavaTypeFactory typeFactory = (JavaTypeFactory) values.getCluster().getTypeFactory();
    final List<RelDataType> types = new ArrayList<>();
    values.getRowType().getFieldList().forEach(field -> types.add(field.getType()));
    final List<@Nullable Object> rows = new ArrayList<>(values.getTuples().size());
    for (List<RexLiteral> tuple : values.getTuples()) {
      final Object[] row = javaValues(tuple, types, typeFactory);
      if (row == null) {
        return null;
      }
      rows.add(row.length == 1 ? row[0] : row);
    }
    return new StashedValues(values.getCluster(), values.getRowType(), values.getTuples(),
        values.getTraitSet().replace(EnumerableConvention.INSTANCE), Collections.unmodifiableList(rows));
  }

  /**
   * The values generated code would compute for {@code literals} (of {@code types}), or null if
   * one of them is not a plain constant there (a decimal, say, which code builds).
   */
  static @Nullable Object @Nullable [] javaValues(List<? extends RexNode> literals, List<RelDataType> types,
      JavaTypeFactory typeFactory) {
    final Object[] values = new Object[literals.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(literals.get(i) instanceof RexLiteral)) {
        return null;
      }
      final ConstantExpression constant = constant(RexToLixTranslator.translateLiteral(
          (RexLiteral) literals.get(i), types.get(i), typeFactory, RexImpTable.NullAs.NULL));
      if (constant == null) {
        return null;
      }
      values[i] = constant.value;
    }
    return values;
  }

  /** The constant a translated literal is, seeing through a conversion of its type (a typed NULL). */
  private static @Nullable ConstantExpression constant(Expression expression) {
    if (expression instanceof ConstantExpression) {
      return (ConstantExpression) expression;
    }
    if (expression.getNodeType() == ExpressionType.Convert
        && ((UnaryExpression) expression).expression instanceof ConstantExpression) {
      final ConstantExpression inner = (ConstantExpression) ((UnaryExpression) expression).expression;
      return inner.value == null ? inner : null;
    }
    return null;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new StashedValues(getCluster(), getRowType(), tuples, traitSet, rows);
  }

  /** Cheaper than the same rows written into code, so that the planner prefers this form. */
  @Override public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    final RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.5);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        getRowType().getFieldCount() == 1 ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY);
    final BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null, Expressions.call(BuiltInMethod.AS_ENUMERABLE2.method,
        implementor.stash(rows, List.class))));
    return implementor.result(physType, builder.toBlock());
  }
}
