package io.credql.plan;

import io.credql.rows.OverlappingBatchJoin;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Relational expression representing a batched lookup join into a resource scan: Calcite's batched
 * nested loop join, whose generated code runs {@link OverlappingBatchJoin} instead of Calcite's
 * run-time join, so that the next batch's calls start while the current batch's last ones run.
 */
final class LookupJoinRel extends EnumerableBatchNestedLoopJoin {
  private final ImmutableBitSet requiredColumns;
  /** The outer rows of the first batch; each later batch has twice as many, up to the join's batch size. */
  private final int firstBatch;

  private LookupJoinRel(RelTraitSet traits, RelNode left, RelNode right, RexNode condition,
      Set<CorrelationId> variablesSet, ImmutableBitSet requiredColumns, JoinRelType joinType, int firstBatch) {
    super(left.getCluster(), traits, left, right, condition, variablesSet, requiredColumns, joinType);
    this.requiredColumns = requiredColumns;
    this.firstBatch = firstBatch;
  }

  /**
   * The join of {@code left}'s batches, of {@code firstBatch} rows first, with {@code right}, bound
   * to each batch's rows by {@code variablesSet}.
   */
  static LookupJoinRel lookup(RelNode left, RelNode right, RexNode condition, ImmutableBitSet requiredColumns,
      Set<CorrelationId> variablesSet, JoinRelType joinType, int firstBatch) {
    // Calcite's factory works out the traits (the outer rows' order is kept)
    final EnumerableBatchNestedLoopJoin calcite = EnumerableBatchNestedLoopJoin.create(left, right, condition,
        requiredColumns, variablesSet, joinType);
    return new LookupJoinRel(calcite.getTraitSet(), left, right, condition, variablesSet, requiredColumns,
        joinType, firstBatch);
  }

  @Override public EnumerableBatchNestedLoopJoin copy(RelTraitSet traitSet, RexNode condition, RelNode left,
      RelNode right, JoinRelType joinType, boolean semiJoinDone) {
    return new LookupJoinRel(traitSet, left, right, condition, variablesSet, requiredColumns, joinType,
        firstBatch);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("firstBatch", firstBatch);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final Result calcite = super.implement(implementor, pref);
    final BlockStatement block = (BlockStatement) calcite.block.accept(new Shuttle() {
      @Override public Expression visit(MethodCallExpression call, @Nullable Expression target,
          List<Expression> arguments) {
        if (call.method.equals(BuiltInMethod.CORRELATE_BATCH_JOIN.method)) {
          final List<Expression> withFirstBatch = new ArrayList<>(arguments);
          withFirstBatch.add(Expressions.constant(firstBatch));
          return Expressions.call(OverlappingBatchJoin.class, "correlateBatchJoin", withFirstBatch);
        }
        return super.visit(call, target, arguments);
      }
    });
    return new Result(block, calcite.physType, calcite.format);
  }
}
