package io.credql.plan;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalValues;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rule that implements a large list of constant rows (a long {@code IN (...)} list becomes one)
 * as {@link StashedValues}, so that ten thousand values compile as easily as ten.
 */
final class StashedValuesRule extends ConverterRule {
  /** Fewer rows than this are left to Calcite's own rule, which writes them into the code. */
  private static final int LARGE = 64;

  static final StashedValuesRule INSTANCE = Config.INSTANCE
      .withConversion(LogicalValues.class, Convention.NONE, EnumerableConvention.INSTANCE, "StashedValuesRule")
      .withRuleFactory(StashedValuesRule::new)
      .toRule(StashedValuesRule.class);

  private StashedValuesRule(Config config) {
    super(config);
  }

  @Override public @Nullable RelNode convert(RelNode rel) {
    final LogicalValues values = (LogicalValues) rel;
    return values.getTuples().size() < LARGE ? null : StashedValues.of(values);
  }
}
