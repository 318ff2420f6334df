package io.credql.plan;

import io.credql.document.MethodDefinition;
import io.credql.document.PushdownIntent;
import io.credql.document.QueryParamPushdown;
import io.credql.document.SqlVerb;
import io.credql.schema.ResourceColumn;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rule that records in a resource scan what the query asks of its rows beyond the parameters: the
 * comparisons of a filter above it with literals, the fields a projection above it reads, the order a
 * sort above it wants ({@link PushdownIntent}), for resources whose methods declare
 * {@code queryParamPushdown}. The filter, projection and sort all stay in the plan: what the API
 * does with the pushed parameters can only make its answers smaller, never the query's result
 * different.
 */
public final class ResourcePushdownRule extends RelRule<RuleConfig<ResourcePushdownRule>> {
  /** The rules for a filter, a projection (over a filter) and a sort (over a projection or a filter). */
  public static final List<ResourcePushdownRule> ALL = List.of(
      of("filter", Filter.class, null, null, scan -> scan.pushdown().predicates().isEmpty()),
      of("project", Project.class, null, null, scan -> scan.pushdown().projection().isEmpty()),
      of("project-filter", Project.class, Filter.class, null,
          scan -> scan.pushdown().projection().isEmpty()),
      of("sort", Sort.class, null, null, scan -> scan.pushdown().order().isEmpty()),
      of("sort-project", Sort.class, Project.class, null,
          scan -> scan.pushdown().order().isEmpty()),
      of("sort-filter", Sort.class, Filter.class, null,
          scan -> scan.pushdown().order().isEmpty()),
      of("sort-project-filter", Sort.class, Project.class, Filter.class,
          scan -> scan.pushdown().order().isEmpty()));

  private ResourcePushdownRule(RuleConfig<ResourcePushdownRule> config) {
    super(config);
  }

  @Override public void onMatch(RelOptRuleCall call) {
    final List<RelNode> rels = call.getRelList();
    final RelNode top = rels.get(0);
    final ResourceTableScan scan = (ResourceTableScan) rels.get(rels.size() - 1);
    final Project project = rels.get(1) instanceof Project ? (Project) rels.get(1) : null;
    final Filter filter = rels.get(rels.size() - 2) instanceof Filter ? (Filter) rels.get(rels.size() - 2) : null;
    final List<ResourceColumn> columns = scan.resourceTable().columns().list();
    final PushdownIntent intent = scan.pushdown();
    final PushdownIntent wanted;
    if (top instanceof Filter) {
      wanted = intent.withPredicates(predicates(((Filter) top).getCondition(), columns));
    } else if (top instanceof Project) {
      final ImmutableBitSet.Builder used = ImmutableBitSet.builder();
      used.addAll(RelOptUtil.InputFinder.bits(((Project) top).getProjects(), null));
      if (filter != null) {
        used.addAll(RelOptUtil.InputFinder.bits(filter.getCondition()));
      }
      wanted = intent.withProjection(fields(used.build(), columns));
    } else {
      final List<PushdownIntent.Order> order = order((Sort) top, project, columns);
      if (order == null) {
        return;
      }
      wanted = intent.withOrder(order);
    }
    if (wanted.equals(intent)) {
      return;
    }
    RelNode rebuilt = scan.withPushdown(wanted);
    for (int i = rels.size() - 2; i >= 0; i--) {
      final RelNode rel = rels.get(i);
      rebuilt = rel.copy(rel.getTraitSet(), List.of(rebuilt));
    }
    call.transformTo(rebuilt);
  }

  /** The AND-ed comparisons of response fields with literals in {@code condition}. */
  private static List<PushdownIntent.Predicate> predicates(RexNode condition, List<ResourceColumn> columns) {
    final List<PushdownIntent.Predicate> predicates = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      final PushdownIntent.Predicate predicate = predicate(conjunct, columns);
      if (predicate != null) {
        predicates.add(predicate);
      }
    }
    return predicates;
  }

  private static PushdownIntent.@Nullable Predicate predicate(RexNode node, List<ResourceColumn> columns) {
    if (!(node instanceof RexCall) || ((RexCall) node).getOperands().size() != 2) {
      return null;
    }
    final RexCall call = (RexCall) node;
    PushdownIntent.Operator operator;
    switch (call.getKind()) {
    case EQUALS:
      operator = PushdownIntent.Operator.EQ;
      break;
    case NOT_EQUALS:
      operator = PushdownIntent.Operator.NE;
      break;
    case GREATER_THAN:
      operator = PushdownIntent.Operator.GT;
      break;
    case GREATER_THAN_OR_EQUAL:
      operator = PushdownIntent.Operator.GE;
      break;
    case LESS_THAN:
      operator = PushdownIntent.Operator.LT;
      break;
    case LESS_THAN_OR_EQUAL:
      operator = PushdownIntent.Operator.LE;
      break;
    case LIKE:
      operator = PushdownIntent.Operator.STARTSWITH;
      break;
    default:
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (left instanceof RexLiteral && operator != PushdownIntent.Operator.STARTSWITH) {
      final RexNode swapped = left;
      left = right;
      right = swapped;
      operator = operator.flipped();
    }
    if (!(left instanceof RexInputRef) || !(right instanceof RexLiteral)) {
      return null;
    }
    final String field = field(((RexInputRef) left).getIndex(), columns);
    Object value = value((RexLiteral) right);
    if (field == null || value == null) {
      return null;
    }
    if (operator == PushdownIntent.Operator.STARTSWITH) {
      // only a prefix ('abc%', no other wildcard) is a startswith
      final String pattern = value instanceof String ? (String) value : "";
      final String prefix = pattern.endsWith("%") ? pattern.substring(0, pattern.length() - 1) : "";
      if (prefix.isEmpty() || prefix.indexOf('%') >= 0 || prefix.indexOf('_') >= 0 || prefix.indexOf('\\') >= 0) {
        return null;
      }
      value = prefix;
    }
    return new PushdownIntent.Predicate(field, operator, value);
  }

  /** A literal as a String, Long, Double or Boolean; null for any other (a date, NULL). */
  private static @Nullable Object value(RexLiteral literal) {
    final Object value = literal.getValue();
    if (value instanceof NlsString) {
      return ((NlsString) value).getValue();
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal) {
      final BigDecimal number = (BigDecimal) value;
      return number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
    }
    return null;
  }

  /** The document field behind scan column {@code index}, or null for a parameter column. */
  private static @Nullable String field(int index, List<ResourceColumn> columns) {
    if (index < 0 || index >= columns.size()) {
      return null;
    }
    final ResourceColumn column = columns.get(index);
    return column.isField() && !column.isParameter() ? column.fieldName() : null;
  }

  /** The fields behind the scan columns {@code used}, leaving out parameter columns. */
  private static List<String> fields(ImmutableBitSet used, List<ResourceColumn> columns) {
    final Set<String> fields = new LinkedHashSet<>();
    for (int index : used) {
      final String field = field(index, columns);
      if (field != null) {
        fields.add(field);
      }
    }
    return new ArrayList<>(fields);
  }

  /** The sort's keys as fields of the scan, or null when one is something else (an expression, a parameter). */
  private static @Nullable List<PushdownIntent.Order> order(Sort sort, @Nullable Project project,
      List<ResourceColumn> columns) {
    final List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    if (keys.isEmpty()) {
      return null;
    }
    final List<PushdownIntent.Order> order = new ArrayList<>();
    for (RelFieldCollation key : keys) {
      int index = key.getFieldIndex();
      if (project != null) {
        final RexNode expression = project.getProjects().get(index);
        if (!(expression instanceof RexInputRef)) {
          return null;
        }
        index = ((RexInputRef) expression).getIndex();
      }
      final String field = field(index, columns);
      if (field == null) {
        return null;
      }
      order.add(new PushdownIntent.Order(field, key.direction.isDescending()));
    }
    return order;
  }

  /** Whether some SELECT method of the scanned resource declares a filter, select or orderBy pushdown. */
  private static boolean declaresPushdown(ResourceTableScan scan) {
    for (MethodDefinition method : scan.resourceTable().resource().methodsFor(SqlVerb.SELECT)) {
      if (QueryParamPushdown.declares(method)) {
        return true;
      }
    }
    return false;
  }

  /** The rule for {@code top} over the optional {@code middle} and {@code bottom} over a scan that {@code open} accepts. */
  private static ResourcePushdownRule of(String name, Class<? extends RelNode> top,
      @Nullable Class<? extends RelNode> middle, @Nullable Class<? extends RelNode> bottom,
      Predicate<ResourceTableScan> open) {
    final Predicate<ResourceTableScan> accepts = open.and(ResourcePushdownRule::declaresPushdown);
    final OperandTransform scan = b -> b.operand(ResourceTableScan.class).predicate(accepts).noInputs();
    final OperandTransform overBottom = bottom == null ? scan : b -> b.operand(bottom).oneInput(scan);
    final OperandTransform overMiddle = middle == null ? overBottom
        : b -> b.operand(middle).oneInput(overBottom);
    return RuleConfig.rule("ResourcePushdownRule:" + name, b -> b.operand(top).oneInput(overMiddle),
        ResourcePushdownRule::new);
  }
}
