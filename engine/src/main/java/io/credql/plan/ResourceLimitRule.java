package io.credql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * Rule that tells a resource scan how many rows its consumer will read ({@code LIMIT n [OFFSET m]}
 * without ORDER BY, directly above the scan or above a projection of it), so that the scan stops
 * before fetching a page nobody reads. The limit itself stays in the plan.
 */
public final class ResourceLimitRule extends RelRule<RuleConfig<ResourceLimitRule>> {
  public static final ResourceLimitRule INSTANCE = RuleConfig.rule("ResourceLimitRule",
      b0 -> b0.operand(Sort.class).oneInput(b1 -> b1.operand(ResourceTableScan.class)
          .predicate(scan -> scan.fetch() < 0).noInputs()),
      ResourceLimitRule::new);
  /** The same through a projection of the scan. */
  public static final ResourceLimitRule THROUGH_PROJECT = RuleConfig.rule("ResourceLimitRule:project",
      b0 -> b0.operand(Sort.class).oneInput(b1 -> b1.operand(Project.class)
          .oneInput(b2 -> b2.operand(ResourceTableScan.class)
              .predicate(scan -> scan.fetch() < 0).noInputs())),
      ResourceLimitRule::new);

  private ResourceLimitRule(RuleConfig<ResourceLimitRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Sort sort = call.rel(0);
    final long rows = rowsNeeded(sort);
    if (rows < 0) {
      return;
    }
    final ResourceTableScan scan = call.rel(call.getRelList().size() - 1);
    final RelNode limited = scan.withFetch(rows);
    final RelNode input = call.getRelList().size() == 3
        ? ((Project) call.rel(1)).copy(call.rel(1).getTraitSet(), List.of(limited))
        : limited;
    call.transformTo(sort.copy(sort.getTraitSet(), List.of(input)));
  }

  /** offset + fetch when both are literals and the sort does not order; -1 otherwise. */
  private static long rowsNeeded(Sort sort) {
    if (sort.fetch == null || !sort.getCollation().getFieldCollations().isEmpty()) {
      return -1;
    }
    final long fetch = literal(sort.fetch);
    final long offset = sort.offset == null ? 0 : literal(sort.offset);
    return fetch < 0 || offset < 0 ? -1 : fetch + offset;
  }

  private static long literal(RexNode node) {
    if (node instanceof RexLiteral) {
      final Number value = ((RexLiteral) node).getValueAs(Number.class);
      return value == null ? -1 : value.longValue();
    }
    return -1;
  }
}
