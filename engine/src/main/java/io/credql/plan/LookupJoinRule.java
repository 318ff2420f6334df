package io.credql.plan;

import io.credql.schema.ResourceColumn;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoinRule;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rule that makes a join a batched lookup join: the left side's rows are read {@link #BATCH} at a
 * time and the right side is asked once per batch. When the right side is a resource scan (under
 * projections and filters) with parameters that the join's equalities bind, the scan is bound to
 * the batch's keys directly, each outer row's keys one call, and checks its rows itself, so nothing
 * above it reads the batch's rows one by one; any other join gets Calcite's batch with its
 * condition pushed down as a filter, which Java compiles into one method taking a parameter per
 * outer row of the batch (at most 255).
 */
public final class LookupJoinRule extends RelRule<RuleConfig<LookupJoinRule>> {
  /**
   * Outer rows a batch at most when the scan takes the keys: a concurrency of 256, and a multiple of
   * the usual limits, so that a batch's calls fill their last round. As the next batch's calls
   * start while a batch's last ones run, a concurrency of 256 still has 256 calls in flight and as
   * many waiting for a place. Planning and the compiled code grow with it (one correlation variable
   * a row): 1,024 cost a cold start 0.2 s more CPU than 200 did.
   */
  static final int BATCH = 256;
  /**
   * Outer rows of the first batch at least: a LIMIT met there leaves the later keys uncalled, and a
   * small fan-out still runs as one batch; larger when twice the concurrency is (as many calls as
   * start at once). Each later batch is twice as large, up to {@link #BATCH}.
   */
  static final int FIRST_BATCH = 64;
  /** Calcite's batched join for any other join, small enough to compile with its filter. */
  private static final RelOptRule FILTERED = filtered(200);
  /**
   * Parameters the compiled filter of Calcite's batched join may take at most: one per outer row
   * and outer column its condition reads, and the JVM allows a method 255 (a join on two columns
   * in batches of 200 failed with "Method has too many parameters (403)").
   */
  private static final int MOST_PARAMETERS = 240;
  /** Calcite's batched join by the number of outer columns its condition reads. */
  private static final Map<Integer, RelOptRule> FILTERED_BY_COLUMNS = new ConcurrentHashMap<>();

  public static final LookupJoinRule INSTANCE = RuleConfig.rule("LookupJoinRule",
      b -> b.operand(LogicalJoin.class).anyInputs(), LookupJoinRule::new);

  private LookupJoinRule(RuleConfig<LookupJoinRule> config) {
    super(config);
  }

  @Override public boolean matches(RelOptRuleCall call) {
    return FILTERED.matches(call);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final Join join = call.rel(0);
    final RelNode lookup = lookup(join);
    if (lookup == null) {
      final ImmutableBitSet outerKeys = RelOptUtil.InputFinder.bits(join.getCondition())
          .get(0, join.getLeft().getRowType().getFieldCount());
      if (joinsOnAnUnboundParameter(join, outerKeys)) {
        return;
      }
      final int outerColumns = outerKeys.cardinality();
      final int batch = Math.max(1, Math.min(200, MOST_PARAMETERS / Math.max(1, outerColumns)));
      FILTERED_BY_COLUMNS.computeIfAbsent(batch, LookupJoinRule::filtered).onMatch(call);
    } else {
      call.transformTo(lookup);
    }
  }

  /** The join as a batched lookup into the scan its right side ends in, or null if it is not one. */
  private static @Nullable RelNode lookup(Join join) {
    final RelOptCluster cluster = join.getCluster();
    final RexBuilder rexBuilder = cluster.getRexBuilder();
    final int leftCount = join.getLeft().getRowType().getFieldCount();
    final List<RelNode> chain = new ArrayList<>();
    final RelNode node = underProjectsAndFilters(join.getRight(), chain);
    if (!(node instanceof ResourceTableScan)) {
      return null;
    }
    final ResourceTableScan scan = (ResourceTableScan) node;
    final List<CorrelationId> ids = new ArrayList<>(List.of(cluster.createCorrel()));
    final List<RexNode> rows = new ArrayList<>(List.of(rexBuilder.makeCorrel(join.getLeft().getRowType(), ids.get(0))));
    // the condition for the batch's first row, as Calcite's batched join pushes it down
    final ImmutableBitSet.Builder keys = ImmutableBitSet.builder();
    final RexNode firstRow = join.getCondition().accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef input) {
        if (input.getIndex() >= leftCount) {
          return new RexInputRef(input.getIndex() - leftCount, input.getType());
        }
        keys.set(input.getIndex());
        return rexBuilder.makeFieldAccess(rows.get(0), input.getIndex());
      }
    });
    final ParameterBindingExtractor.Extraction extraction = ParameterBindingExtractor.extract(firstRow,
        scan.resourceTable().columns(), rexBuilder, new ChainColumns(chain), scan.bindings().names());
    final ParameterBindings bound = extraction.bindings();
    // every parameter the condition binds from the outer row is the scan's, each row's values one
    // call (detail.data__Identifier = listing.Identifier AND detail.region = listing.region, as
    // StackQL's aws tags views join); the batched join still checks its whole condition on each pair
    if (bound.isEmpty() || keys.isEmpty()) {
      return null;
    }
    for (String name : bound.names()) {
      if (bound.values(name).size() != 1) {
        return null;
      }
    }
    while (ids.size() < BATCH) {
      ids.add(cluster.createCorrel());
      rows.add(rexBuilder.makeCorrel(join.getLeft().getRowType(), ids.get(ids.size() - 1)));
    }
    final Map<String, List<RexNode>> batchKeys = new LinkedHashMap<>();
    for (String name : bound.names()) {
      final RexNode key = bound.values(name).get(0);
      final List<RexNode> perRow = new ArrayList<>();
      for (RexNode row : rows) {
        perRow.add(key.accept(new RexShuttle() {
          @Override public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            return variable.equals(rows.get(0)) ? row : variable;
          }
        }));
      }
      batchKeys.put(name, perRow);
    }
    RelNode right = scan.withBindings(scan.bindings().and(ParameterBindings.rowWise(batchKeys, bound.checked())));
    for (int i = chain.size() - 1; i >= 0; i--) {
      right = chain.get(i).copy(chain.get(i).getTraitSet(), List.of(right));
    }
    final RelNode left = convert(join.getLeft(), join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
    final int firstBatch = Math.max(FIRST_BATCH, 2 * scan.resourceTable().session().properties().concurrency());
    return LookupJoinRel.lookup(left,
        convert(right, right.getTraitSet().replace(EnumerableConvention.INSTANCE)),
        join.getCondition(), keys.build(), new LinkedHashSet<>(ids), join.getJoinType(), firstBatch);
  }

  /**
   * Whether {@code outerKeys}, the outer columns the join's condition reads, include an input
   * column of a resource scan that does not bind it: a parameter the scan's method was not called with is NULL in every row, so
   * such a join (a self-join turned around, its listing outside) matches nothing; the lookup the
   * user wrote, into the scan that takes the parameter, is the plan that answers.
   */
  private static boolean joinsOnAnUnboundParameter(Join join, ImmutableBitSet outerKeys) {
    final RelNode node = underProjectsAndFilters(join.getLeft(), new ArrayList<>());
    if (!(node instanceof ResourceTableScan)) {
      return false;
    }
    final ResourceTableScan scan = (ResourceTableScan) node;
    final List<String> names = join.getLeft().getRowType().getFieldNames();
    for (int i : outerKeys) {
      final ResourceColumn column = scan.resourceTable().columns().find(names.get(i));
      if (column != null && column.isParameter() && !column.isField()
          && !scan.bindings().names().contains(column.name())) {
        return true;
      }
    }
    return false;
  }

  private static RelOptRule filtered(int batch) {
    return EnumerableBatchNestedLoopJoinRule.Config.DEFAULT.withBatchSize(batch).toRule();
  }

  /** What {@code top}'s projections and filters read, those added to {@code chain} from the top down. */
  private static @Nullable RelNode underProjectsAndFilters(RelNode top, List<RelNode> chain) {
    RelNode node = original(top);
    while (node instanceof Project || node instanceof Filter) {
      chain.add(node);
      node = original(node.getInput(0));
    }
    return node;
  }

  /** The relational expression a planner's set of equivalents started from. */
  private static @Nullable RelNode original(RelNode node) {
    return node instanceof RelSubset ? ((RelSubset) node).getOriginal() : node;
  }

  /** The scan columns the fields at the top of a chain of projections and filters read. */
  private static final class ChainColumns implements ParameterBindingExtractor.ScanColumns {
    private final List<RelNode> chain;

    ChainColumns(List<RelNode> chain) {
      this.chain = chain;
    }

    @Override public int column(int field) {
      int column = field;
      for (RelNode rel : chain) {
        if (column < 0) {
          return -1;
        }
        if (rel instanceof Project) {
          column = new ResourceFilterRule.ProjectedColumns((Project) rel).column(column);
        }
      }
      return column;
    }

    @Override public boolean isBare(int field) {
      int column = field;
      for (RelNode rel : chain) {
        if (rel instanceof Project) {
          final ResourceFilterRule.ProjectedColumns projected = new ResourceFilterRule.ProjectedColumns((Project) rel);
          if (!projected.isBare(column)) {
            return false;
          }
          column = projected.column(column);
        }
      }
      return true;
    }
  }
}
