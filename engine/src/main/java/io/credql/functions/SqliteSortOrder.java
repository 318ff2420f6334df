package io.credql.functions;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Sorting in SQLite's order by a value of no one SQL type (ANY, such as {@code json_extract}'s):
 * NULL first, then numbers compared by value whether integer or real, then texts by their
 * characters, then blobs. Calcite sorts such a value by its Java class's own order, which fails
 * between a number and a text; the sort is rewritten to sort by a {@link Key} of the value instead,
 * computed in a projection beneath it and dropped above it. Sorts by typed columns are left alone.
 */
public final class SqliteSortOrder extends RelHomogeneousShuttle {
  /**
   * {@code next}, given the plan with its sorts rewritten; the statement's own order (the required
   * collation of its result) is then met by the rewritten sort beneath the plan's last projection,
   * and is no longer asked of {@code next}, which would sort by the untyped values again.
   */
  public static Program before(Program next) {
    requireNonNull(next, "next");
    return (planner, rel, requiredOutputTraits, materializations, lattices) -> {
      final RelCollation order = requiredOutputTraits.getTrait(RelCollationTraitDef.INSTANCE);
      final boolean untypedOrder = order != null && order.getFieldCollations().stream()
          .anyMatch(key -> isUntyped(rel, key.getFieldIndex()));
      return next.run(planner, rel.accept(new SqliteSortOrder()),
          untypedOrder ? requiredOutputTraits.replace(RelCollations.EMPTY) : requiredOutputTraits,
          materializations, lattices);
    };
  }

  private static final SqliteScalarFunction SORT_KEY =
      SqliteScalarFunction.of("sqlite_sort_key", SqlTypeName.ANY, 1, 1, SqliteSortOrder.class, "key");

  private SqliteSortOrder() {
  }

  @Override public RelNode visit(RelNode other) {
    final RelNode visited = super.visit(other);
    return visited instanceof Sort ? sortedInSqlitesOrder((Sort) visited) : visited;
  }

  private static RelNode sortedInSqlitesOrder(Sort sort) {
    final RelNode input = sort.getInput();
    final List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    if (keys.stream().noneMatch(key -> isUntyped(input, key.getFieldIndex()))) {
      return sort;
    }
    final RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(sort.getCluster(), null);
    builder.push(input);
    final int width = input.getRowType().getFieldCount();
    final List<RexNode> projected = new ArrayList<>(builder.fields());
    final List<RelFieldCollation> collations = new ArrayList<>();
    for (RelFieldCollation key : keys) {
      if (isUntyped(input, key.getFieldIndex())) {
        projected.add(builder.call(SORT_KEY, builder.field(key.getFieldIndex())));
        collations.add(key.withFieldIndex(projected.size() - 1));
      } else {
        collations.add(key);
      }
    }
    builder.projectNamed(projected, null, true);
    final RelNode sorted = LogicalSort.create(builder.build(), RelCollations.of(collations),
        sort.offset, sort.fetch);
    return RelOptUtil.createProject(sorted, fieldIndexes(width));
  }

  /** Whether the field of {@code input} has no one SQL type (ANY). */
  private static boolean isUntyped(RelNode input, int field) {
    return input.getRowType().getFieldList().get(field).getType().getSqlTypeName() == SqlTypeName.ANY;
  }

  private static List<Integer> fieldIndexes(int width) {
    final List<Integer> indexes = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      indexes.add(i);
    }
    return indexes;
  }

  /** The sort key of {@code arguments[0]}: null for NULL, else a {@link Key}. Called by generated code. */
  public static @Nullable Object key(@Nullable Object[] arguments) {
    final Object value = arguments[0];
    return value == null ? null : new Key(value);
  }

  /** A value that sorts as SQLite sorts values of every storage class. */
  public static final class Key implements Comparable<Key> {
    private final Object value;

    Key(Object value) {
      this.value = requireNonNull(value, "value");
    }

    @Override public int compareTo(Key other) {
      return MinMaxFunctions.compare(value, other.value);
    }

    @Override public boolean equals(@Nullable Object other) {
      return other instanceof Key && compareTo((Key) other) == 0;
    }

    @Override public int hashCode() {
      return value instanceof Number ? Double.hashCode(((Number) value).doubleValue()) : value.hashCode();
    }

    @Override public String toString() {
      return String.valueOf(value);
    }
  }
}
