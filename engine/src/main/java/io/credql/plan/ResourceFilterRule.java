package io.credql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.List;

/**
 * Rule that pushes the parameter values a filter binds into the resource scan below it, turning
 * {@code Filter(Scan)} into {@code Filter'(Scan[bound])}, where {@code Filter'} keeps what the
 * scan does not check itself, or into {@code Scan[bound]} when that is nothing (as for the OR of
 * correlated equalities a batched lookup join pushes down: the join re-checks its condition anyway).
 * A scan already bound takes the columns it does not bind yet.
 */
public final class ResourceFilterRule extends RelRule<RuleConfig<ResourceFilterRule>> {
  public static final ResourceFilterRule INSTANCE = RuleConfig.rule("ResourceFilterRule",
      b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(ResourceTableScan.class)
          .noInputs()),
      ResourceFilterRule::new);
  /** The same through a projection of the scan's columns, as a lookup join's right side often is. */
  public static final ResourceFilterRule THROUGH_PROJECT = RuleConfig.rule("ResourceFilterRule:project",
      b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(Project.class)
          .oneInput(b2 -> b2.operand(ResourceTableScan.class)
              .noInputs())),
      ResourceFilterRule::new);

  private ResourceFilterRule(RuleConfig<ResourceFilterRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Filter filter = call.rel(0);
    final boolean throughProject = call.getRelList().size() == 3;
    final Project project = throughProject ? call.rel(1) : null;
    final ResourceTableScan scan = call.rel(throughProject ? 2 : 1);
    final RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    final ParameterBindingExtractor.Extraction extraction = ParameterBindingExtractor.extract(
        filter.getCondition(), scan.resourceTable().columns(), rexBuilder,
        project == null ? ParameterBindingExtractor.ScanColumns.IDENTITY : new ProjectedColumns(project),
        scan.bindings().names());
    if (extraction.bindings().isEmpty()) {
      return;
    }
    final RelNode bound = scan.withBindings(scan.bindings().and(extraction.bindings()));
    final RelNode input = project == null ? bound
        : project.copy(project.getTraitSet(), List.of(bound));
    call.transformTo(extraction.rest().isEmpty() ? input
        : filter.copy(filter.getTraitSet(), input, RexUtil.composeConjunction(rexBuilder, extraction.rest())));
  }

  /** The scan columns a projection's fields read. */
  static final class ProjectedColumns implements ParameterBindingExtractor.ScanColumns {
    private final Project project;

    ProjectedColumns(Project project) {
      this.project = project;
    }

    @Override public int column(int field) {
      RexNode expression = project.getProjects().get(field);
      while (expression.getKind() == SqlKind.CAST) {
        expression = ((RexCall) expression).getOperands().get(0);
      }
      return expression instanceof RexInputRef ? ((RexInputRef) expression).getIndex() : -1;
    }

    @Override public boolean isBare(int field) {
      return project.getProjects().get(field) instanceof RexInputRef;
    }
  }
}
