package io.credql.plan;

import io.credql.document.MethodDefinition;
import io.credql.document.PushdownIntent;
import io.credql.rows.ResourceScanner;
import io.credql.rows.ScanPlan;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Relational expression representing a scan of a resource table: the calls of one SELECT method,
 * one per combination of bound parameter values, made concurrently, their rows streamed as the
 * consumer reads them. A scan whose method cannot be chosen (a required parameter is unbound) is
 * costed huge, so that the planner prefers plans that bind the parameter; if it is still chosen,
 * implementing it reports the missing parameters.
 */
public final class ResourceTableScan extends TableScan implements EnumerableRel {
  /** Rows assumed for a listing whose size is unknown. */
  private static final double LISTING_ROWS = 1000;

  private final ResourceTable resourceTable;
  private final ParameterBindings bindings;
  private final long fetch;
  private final PushdownIntent pushdown;

  public ResourceTableScan(RelOptCluster cluster, RelOptTable table, ResourceTable resourceTable,
      ParameterBindings bindings) {
    this(cluster, table, resourceTable, bindings, -1, PushdownIntent.NONE);
  }

  private ResourceTableScan(RelOptCluster cluster, RelOptTable table, ResourceTable resourceTable,
      ParameterBindings bindings, long fetch, PushdownIntent pushdown) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
    this.resourceTable = requireNonNull(resourceTable, "resourceTable");
    this.bindings = requireNonNull(bindings, "bindings");
    this.fetch = fetch;
    this.pushdown = requireNonNull(pushdown, "pushdown");
  }

  public ResourceTable resourceTable() {
    return resourceTable;
  }

  public ParameterBindings bindings() {
    return bindings;
  }

  /** Most rows the consumer will read (a pushed-down LIMIT), or -1 for all. */
  public long fetch() {
    return fetch;
  }

  /** What the query asks of this scan beyond its parameters, which its method may pass on to the API. */
  public PushdownIntent pushdown() {
    return pushdown;
  }

  ResourceTableScan withBindings(ParameterBindings newBindings) {
    return new ResourceTableScan(getCluster(), getTable(), resourceTable, newBindings, fetch, pushdown);
  }

  ResourceTableScan withFetch(long newFetch) {
    return new ResourceTableScan(getCluster(), getTable(), resourceTable, bindings, newFetch, pushdown);
  }

  ResourceTableScan withPushdown(PushdownIntent newPushdown) {
    return new ResourceTableScan(getCluster(), getTable(), resourceTable, bindings, fetch, newPushdown);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    final MethodDefinition method = resourceTable.selectMethod(bindings.names());
    return super.explainTerms(pw)
        .itemIf("bind", bindings, !bindings.isEmpty())
        .itemIf("fetch", fetch, fetch >= 0)
        .itemIf("pushdown", pushdown, !pushdown.isEmpty())
        .item("method", method == null ? "(missing parameters)" : method.name());
  }

  @Override public void register(RelOptPlanner planner) {
    planner.addRule(ResourceFilterRule.INSTANCE);
    planner.addRule(ResourceFilterRule.THROUGH_PROJECT);
    planner.addRule(ResourceLimitRule.INSTANCE);
    planner.addRule(ResourceLimitRule.THROUGH_PROJECT);
    ResourcePushdownRule.ALL.forEach(planner::addRule);
    planner.addRule(LookupJoinRule.INSTANCE);
    planner.addRule(StashedValuesRule.INSTANCE);
  }

  /**
   * A listing is assumed large, a get one row per call; each bound parameter is assumed to narrow
   * the result, so that a scan taking the bound values is always cheaper than one ignoring them.
   */
  @Override public double estimateRowCount(RelMetadataQuery mq) {
    final MethodDefinition method = resourceTable.selectMethod(bindings.names());
    if (method == null) {
      return LISTING_ROWS;
    }
    final double perCall = method.objectKey() == null ? 1
        : LISTING_ROWS / Math.pow(2, bindings.names().size());
    // however many values are bound (ten thousand from an IN list), binding them stays cheaper
    // than listing: a listing cannot answer a filter on a parameter it does not take
    final double rows = Math.min(bindings.valueCount() * perCall,
        LISTING_ROWS / Math.pow(2, bindings.names().size()));
    // the more a scan asks the API to leave out, the more it is preferred to the same scan asking less
    final int asked = (pushdown.predicates().isEmpty() ? 0 : 1) + (pushdown.projection().isEmpty() ? 0 : 1)
        + (pushdown.order().isEmpty() ? 0 : 1);
    return (fetch >= 0 ? Math.min(rows, fetch) : rows) * Math.pow(0.9, asked);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    if (resourceTable.selectMethod(bindings.names()) == null) {
      return planner.getCostFactory().makeHugeCost();
    }
    final double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final MethodDefinition method = resourceTable.selectMethod(bindings.names());
    if (method == null) {
      throw resourceTable.missingParameters(bindings.names()).unchecked();
    }
    final JavaTypeFactory typeFactory = implementor.getTypeFactory();
    // Calcite's operators re-derive their input's format from its row type (a one-column row is
    // SCALAR there), so a one-column scan must yield bare values, not one-element arrays: an
    // ORDER BY or LIMIT above it would otherwise hand the arrays themselves to the user.
    final PhysType physType = PhysTypeImpl.of(typeFactory, getRowType(), JavaRowFormat.ARRAY);
    final BlockBuilder builder = new BlockBuilder();
    final List<String> names = new ArrayList<>(bindings.names());
    final Expression plan = implementor.stash(new ScanPlan(resourceTable.session(),
        resourceTable.columns(), method, names, bindings.checked(), pushdown, bindings.rowWise()),
        ScanPlan.class);
    final List<Expression> arrays = new ArrayList<>();
    for (String name : names) {
      arrays.add(boundValues(implementor, builder, bindings.values(name)));
    }
    final Expression values = Expressions.newArrayInit(Object.class, arrays);
    builder.add(Expressions.return_(null,
        Expressions.call(ResourceScanner.class,
            physType.getFormat() == JavaRowFormat.SCALAR ? "scanOneColumn" : "scan",
            DataContext.ROOT, plan, values, Expressions.constant(fetch))));
    return implementor.result(physType, builder.toBlock());
  }

  /**
   * An array of the values bound to one parameter: literals are stashed in the query's context
   * (ten thousand of them, from a long IN list, would not fit in a compiled method); other values
   * are computed by code.
   */
  private Expression boundValues(EnumerableRelImplementor implementor, BlockBuilder builder, List<RexNode> nodes) {
    final List<RelDataType> types = new ArrayList<>();
    nodes.forEach(node -> types.add(node.getType()));
    final Object[] literals = StashedValues.javaValues(nodes, types, implementor.getTypeFactory());
    return literals != null ? implementor.stash(literals, Object[].class)
        : Expressions.newArrayInit(Object.class, translate(implementor, builder, nodes));
  }

  /** Java expressions computing the bound values: literals, {@code ?}, constant expressions, correlation variables. */
  private List<Expression> translate(EnumerableRelImplementor implementor, BlockBuilder builder,
      List<RexNode> nodes) {
    final JavaTypeFactory typeFactory = implementor.getTypeFactory();
    final RelDataType noInput = typeFactory.builder().build();
    final RexProgramBuilder programBuilder =
        new RexProgramBuilder(noInput, getCluster().getRexBuilder());
    for (int i = 0; i < nodes.size(); i++) {
      programBuilder.addProject(nodes.get(i), "v" + i);
    }
    final RexProgram program = programBuilder.getProgram();
    final List<Expression> translated = RexToLixTranslator.translateProjects(program, typeFactory,
        implementor.getConformance(), builder, null,
        PhysTypeImpl.of(typeFactory, program.getOutputRowType(), JavaRowFormat.ARRAY),
        DataContext.ROOT,
        (list, index, storageType) -> {
          throw new IllegalStateException("a bound value cannot read the scanned row");
        },
        implementor::getCorrelVariableGetter);
    final List<Expression> boxed = new ArrayList<>();
    for (Expression expression : translated) {
      boxed.add(Expressions.box(expression));
    }
    return boxed;
  }
}
