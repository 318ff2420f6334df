package io.credql.plan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rule that turns a long IN list left in a calculation's condition after planning into a hash
 * semi-join with {@link StashedValues} (a long NOT IN into an anti-join), so that each row is
 * checked by one look-up in a set rather than by compiled comparisons. Such a list is one on a
 * parameter column the rows carry too ({@code WHERE name IN (...)} on a resource got by name):
 * its values bind the scan's calls, and it stays to re-check the rows, since a provider may
 * answer more than was asked. Compiled, ten thousand comparisons took minutes to generate.
 */
public final class LargeInListCalcRule extends RelRule<RuleConfig<LargeInListCalcRule>> {
  public static final LargeInListCalcRule INSTANCE = RuleConfig.rule("LargeInListCalcRule",
      b0 -> b0.operand(EnumerableCalc.class).anyInputs(), LargeInListCalcRule::new);

  private LargeInListCalcRule(RuleConfig<LargeInListCalcRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final EnumerableCalc calc = call.rel(0);
    final RexProgram program = calc.getProgram();
    final RexLocalRef condition = program.getCondition();
    if (condition == null) {
      return;
    }
    final RexBuilder rexBuilder = calc.getCluster().getRexBuilder();
    final List<RexNode> kept = new ArrayList<>();
    final List<LargeInList> lists = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(program.expandLocalRef(condition))) {
      final LargeInList list = LargeInList.of(conjunct);
      if (list == null) {
        kept.add(conjunct);
      } else {
        lists.add(list);
      }
    }
    if (lists.isEmpty()) {
      return;
    }
    RelNode input = calc.getInput();
    for (LargeInList list : lists) {
      final RelNode checked = join(input, list, rexBuilder);
      if (checked == null) {
        return;
      }
      input = checked;
      if (list.excluding()) {
        kept.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL,
            rexBuilder.makeInputRef(input, list.column())));
      }
    }
    final RexProgram rest = RexProgram.create(input.getRowType(), program.expandList(program.getProjectList()),
        kept.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, kept), program.getOutputRowType(),
        rexBuilder);
    call.transformTo(EnumerableCalc.create(input, rest));
  }

  /** The rows of {@code input} that pass {@code list}, or null if its values cannot be stashed. */
  private static @Nullable RelNode join(RelNode input, LargeInList list,
      RexBuilder rexBuilder) {
    final RelOptCluster cluster = input.getCluster();
    final RelDataType type = input.getRowType().getFieldList().get(list.column()).getType();
    final List<List<RexLiteral>> tuples = list.tuples(rexBuilder, type);
    if (tuples == null) {
      return null;
    }
    final ImmutableList.Builder<ImmutableList<RexLiteral>> rows = ImmutableList.builder();
    tuples.forEach(tuple -> rows.add(ImmutableList.copyOf(tuple)));
    final StashedValues values = StashedValues.of(LogicalValues.create(cluster,
        cluster.getTypeFactory().builder().add("value", type).build(), rows.build()));
    if (values == null) {
      return null;
    }
    final RexNode matches = rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
        rexBuilder.makeInputRef(input, list.column()),
        new RexInputRef(input.getRowType().getFieldCount(), type));
    return EnumerableHashJoin.create(input, values, matches, Set.of(),
        list.excluding() ? JoinRelType.ANTI : JoinRelType.SEMI);
  }
}
