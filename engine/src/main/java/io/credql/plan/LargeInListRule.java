package io.credql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Rule that turns a filter's long IN list on a response column ({@code label IN (...ten thousand
 * values...)}, or as many {@code OR}ed equalities, which Calcite folds into the same search) into
 * a semi-join with a list of the values, and a long NOT IN into an anti-join. Calcite would
 * otherwise compile one comparison per value into a single Java method, which Java limits to
 * 64 KB. A list on a parameter column is left alone: it binds the calls of the scan (and, on a
 * column the rows carry too, {@link LargeInListCalcRule} makes its re-check of the rows a join
 * after planning). It runs in a pass of its own before the cost-based planner, which would
 * otherwise still pick the filter.
 */
public final class LargeInListRule extends RelRule<RuleConfig<LargeInListRule>> {
  public static final LargeInListRule INSTANCE = RuleConfig.rule("LargeInListRule",
      b0 -> b0.operand(LogicalFilter.class).anyInputs(), LargeInListRule::new);

  private LargeInListRule(RuleConfig<LargeInListRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Filter filter = call.rel(0);
    final RelNode input = filter.getInput();
    final RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    final RelMetadataQuery mq = call.getMetadataQuery();
    final List<RexNode> kept = new ArrayList<>();
    final List<LargeInList> searches = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      final LargeInList search = LargeInList.of(conjunct);
      if (search == null || bindsParameter(mq, input, search.column())) {
        kept.add(conjunct);
      } else {
        searches.add(search);
      }
    }
    if (searches.isEmpty()) {
      return;
    }
    final RelBuilder builder = call.builder().push(input);
    for (LargeInList search : searches) {
      final RelDataType type = input.getRowType().getFieldList().get(search.column()).getType();
      final List<List<RexLiteral>> tuples = search.tuples(rexBuilder, type);
      if (tuples == null) {
        return;
      }
      builder.values(tuples, filter.getCluster().getTypeFactory().builder().add("value", type).build());
      final RexNode matches = builder.equals(builder.field(2, 0, search.column()), builder.field(2, 1, 0));
      if (search.excluding()) {
        builder.antiJoin(matches).filter(builder.isNotNull(builder.field(search.column())));
      } else {
        builder.semiJoin(matches);
      }
    }
    call.transformTo(builder.filter(kept).build());
  }

  /** Whether {@code column} of {@code input} is a resource's parameter column, whose values bind calls. */
  private static boolean bindsParameter(RelMetadataQuery mq, RelNode input, int column) {
    final RelColumnOrigin origin = mq.getColumnOrigin(input, column);
    final ResourceTable table = origin == null ? null : origin.getOriginTable().unwrap(ResourceTable.class);
    return table != null && table.columns().get(origin.getOriginColumnOrdinal()).isParameter();
  }
}
