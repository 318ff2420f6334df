package io.credql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

import java.util.List;

/**
 * Rule that pushes the parameter values a filter binds into the resource scan below it, turning
 * {@code Filter(Scan)} into {@code Filter(Scan[bound])}, or into {@code Scan[bound]} when the
 * filter only bound parameters (as the OR of correlated equalities a batched lookup join pushes
 * down does: the join re-checks its condition anyway).
 */
public final class ResourceFilterRule extends RelRule<RuleConfig<ResourceFilterRule>> {
  public static final ResourceFilterRule INSTANCE = RuleConfig.rule("ResourceFilterRule",
      b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(ResourceTableScan.class)
          .predicate(scan -> scan.bindings().isEmpty()).noInputs()),
      ResourceFilterRule::new);
  /** The same through a projection of the scan's columns, as a lookup join's right side often is. */
  public static final ResourceFilterRule THROUGH_PROJECT = RuleConfig.rule("ResourceFilterRule:project",
      b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(Project.class)
          .oneInput(b2 -> b2.operand(ResourceTableScan.class)
              .predicate(scan -> scan.bindings().isEmpty()).noInputs())),
      ResourceFilterRule::new);

  private ResourceFilterRule(RuleConfig<ResourceFilterRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Filter filter = call.rel(0);
    final boolean throughProject = call.getRelList().size() == 3;
    final Project project = throughProject ? call.rel(1) : null;
    final ResourceTableScan scan = call.rel(throughProject ? 2 : 1);
    final ParameterBindings bindings = ParameterBindingExtractor.extract(filter.getCondition(),
        scan.resourceTable().columns(), filter.getCluster().getRexBuilder(),
        project == null ? i -> i : i -> scanColumn(project, i));
    if (bindings.isEmpty()) {
      return;
    }
    final RelNode bound = scan.withBindings(bindings);
    final RelNode input = project == null ? bound
        : project.copy(project.getTraitSet(), List.of(bound));
    call.transformTo(bindings.isWholeCondition() ? input
        : filter.copy(filter.getTraitSet(), input, filter.getCondition()));
  }

  /** The scan column a projection's field reads, or -1 if it computes something else. */
  private static int scanColumn(Project project, int field) {
    RexNode expression = project.getProjects().get(field);
    while (expression.getKind() == SqlKind.CAST) {
      expression = ((RexCall) expression).getOperands().get(0);
    }
    return expression instanceof RexInputRef ? ((RexInputRef) expression).getIndex() : -1;
  }
}
