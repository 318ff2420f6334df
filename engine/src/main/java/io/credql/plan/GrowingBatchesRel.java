package io.credql.plan;

import io.credql.rows.GrowingBatches;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

/**
 * Relational expression representing the outer rows of a batched lookup join cut into growing
 * batches ({@link GrowingBatches}): the first batch small, so that its calls start early and a
 * LIMIT stops them early, the later ones as large as the join's.
 */
final class GrowingBatchesRel extends SingleRel implements EnumerableRel {
  private final int first;
  private final int most;

  GrowingBatchesRel(RelOptCluster cluster, RelTraitSet traits, RelNode input, int first, int most) {
    super(cluster, traits, input);
    this.first = first;
    this.most = most;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new GrowingBatchesRel(getCluster(), traitSet, sole(inputs), first, most);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("first", first).item("most", most);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    final BlockBuilder builder = new BlockBuilder();
    final Expression rows = builder.append("outer", input.block);
    builder.add(Expressions.return_(null, Expressions.call(GrowingBatches.class, "of", rows,
        Expressions.constant(first), Expressions.constant(most))));
    return implementor.result(input.physType, builder.toBlock());
  }
}
