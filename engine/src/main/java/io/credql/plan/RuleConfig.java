package io.credql.plan;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Configuration of one of credql's planner rules: its description, the operands it matches and how
 * the rule is made from them, the one shape that Calcite's own rules get from their generated
 * {@code @Value.Immutable} configs.
 *
 * @param <R> the rule it makes
 */
record RuleConfig<R extends RelOptRule>(String description, RelRule.OperandTransform operandSupplier,
    RelBuilderFactory relBuilderFactory, Function<RuleConfig<R>, R> factory) implements RelRule.Config {
  RuleConfig {
    requireNonNull(description, "description");
    requireNonNull(operandSupplier, "operandSupplier");
    requireNonNull(relBuilderFactory, "relBuilderFactory");
    requireNonNull(factory, "factory");
  }

  /** The rule named {@code description} that {@code factory} makes for the operands {@code operands}. */
  static <R extends RelOptRule> R rule(String description, RelRule.OperandTransform operands,
      Function<RuleConfig<R>, R> factory) {
    return new RuleConfig<>(description, operands, RelFactories.LOGICAL_BUILDER, factory).toRule();
  }

  @Override public R toRule() {
    return factory.apply(this);
  }

  @Override public RuleConfig<R> withRelBuilderFactory(RelBuilderFactory newFactory) {
    return new RuleConfig<>(description, operandSupplier, newFactory, factory);
  }

  @Override public RuleConfig<R> withDescription(String newDescription) {
    return new RuleConfig<>(newDescription, operandSupplier, relBuilderFactory, factory);
  }

  @Override public RuleConfig<R> withOperandSupplier(RelRule.OperandTransform transform) {
    return new RuleConfig<>(description, transform, relBuilderFactory, factory);
  }
}
