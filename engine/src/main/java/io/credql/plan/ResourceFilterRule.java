package io.credql.plan;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Rule that pushes the parameter values a filter binds into the resource scan below it, turning
 * {@code Filter(Scan)} into {@code Filter(Scan[bound])}. The filter stays: it re-checks the rows,
 * which costs nothing next to an API call.
 */
public final class ResourceFilterRule extends RelRule<ResourceFilterRule.Config> {
  public static final ResourceFilterRule INSTANCE = Config.DEFAULT.toRule();

  private ResourceFilterRule(Config config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Filter filter = call.rel(0);
    final ResourceTableScan scan = call.rel(1);
    final ParameterBindings bindings = ParameterBindingExtractor.extract(filter.getCondition(),
        scan.resourceTable().columns(), filter.getCluster().getRexBuilder());
    if (bindings.isEmpty()) {
      return;
    }
    call.transformTo(filter.copy(filter.getTraitSet(), scan.withBindings(bindings),
        filter.getCondition()));
  }

  /** Configuration of {@link ResourceFilterRule}. */
  public record Config(String description, OperandTransform operandSupplier,
      RelBuilderFactory relBuilderFactory) implements RelRule.Config {
    static final Config DEFAULT = new Config("ResourceFilterRule",
        b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(ResourceTableScan.class)
            .predicate(scan -> scan.bindings().isEmpty()).noInputs()),
        RelFactories.LOGICAL_BUILDER);

    @Override public ResourceFilterRule toRule() {
      return new ResourceFilterRule(this);
    }

    @Override public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(description, operandSupplier, factory);
    }

    @Override public Config withDescription(String newDescription) {
      return new Config(newDescription, operandSupplier, relBuilderFactory);
    }

    @Override public Config withOperandSupplier(OperandTransform transform) {
      return new Config(description, transform, relBuilderFactory);
    }
  }
}
