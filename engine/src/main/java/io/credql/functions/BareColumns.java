package io.credql.functions;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * SQLite's bare columns: in a query that aggregates (GROUP BY, or an aggregate in its select list),
 * a selected column that is neither grouped nor aggregated takes its value from one row of the
 * group; when the query has exactly one {@code max(x)} or {@code min(x)}, from the row holding that
 * maximum or minimum, as SQLite documents ("Bare columns in an aggregate query"). StackQL's pages
 * use them ({@code SELECT name, location, max(timeCreated) FROM google.storage.buckets}); Calcite
 * refuses them, so each becomes an aggregate that picks that value.
 */
final class BareColumns {
  /** The aggregates of SQLite and Calcite, by name, that make a query an aggregating one. */
  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "total",
      "group_concat", "json_group_array", "json_group_object", "any_value", "listagg", "string_agg");
  /** The value of the row where the second argument is largest, SQLite's order. */
  static final SqlOperator OF_MAX = SqliteAggregateFunction.typedAsFirstArgument("_bare_of_max", 2, OfMax.class);
  /** The value of the row where the second argument is smallest, SQLite's order. */
  static final SqlOperator OF_MIN = SqliteAggregateFunction.typedAsFirstArgument("_bare_of_min", 2, OfMin.class);

  private BareColumns() {
  }

  /** Makes each bare column of {@code select} an aggregate picking its value, as SQLite picks it. */
  static void pick(SqlSelect select) {
    final SqlNodeList items = select.getSelectList();
    final SqlNodeList group = select.getGroup();
    if (items == null) {
      return;
    }
    final List<SqlCall> aggregates = aggregatesIn(items);
    if (select.getHaving() != null) {
      aggregates.addAll(aggregatesIn(requireNonNull(select.getHaving(), "having")));
    }
    if ((group == null || group.isEmpty()) && aggregates.isEmpty()) {
      return;
    }
    final List<SqlCall> extremes = aggregates.stream()
        .filter(call -> call.operandCount() == 1 && isNamed(call, "max", "min")).toList();
    final SqlCall extreme = extremes.size() == 1 ? extremes.get(0) : null;
    for (int i = 0; i < items.size(); i++) {
      final SqlNode item = items.get(i);
      final boolean aliased = item.getKind() == SqlKind.AS;
      final SqlNode expression = aliased ? ((SqlCall) item).operand(0) : item;
      if (!(expression instanceof SqlIdentifier) || ((SqlIdentifier) expression).isStar()
          || isGrouped((SqlIdentifier) expression, i, group)) {
        continue;
      }
      final SqlParserPos pos = expression.getParserPosition();
      final SqlNode value = extreme == null ? SqlStdOperatorTable.ANY_VALUE.createCall(pos, expression)
          : ofTheExtremeRow(isNamed(extreme, "max") ? OF_MAX : OF_MIN, expression, extreme.operand(0), pos);
      final SqlNode alias = aliased ? ((SqlCall) item).operand(1)
          : new SqlIdentifier(((SqlIdentifier) expression).names.get(((SqlIdentifier) expression).names.size() - 1), pos);
      items.set(i, SqlStdOperatorTable.AS.createCall(pos, value, alias));
    }
  }

  /**
   * The column's value in the row of the extreme key. The value travels inside a one-element array,
   * never NULL itself, because Calcite's user-defined aggregates skip rows whose arguments are NULL:
   * a NULL in the row holding the maximum must still be the answer, as in SQLite.
   */
  private static SqlNode ofTheExtremeRow(SqlOperator picker, SqlNode column, SqlNode key, SqlParserPos pos) {
    final SqlNode boxed = SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, column);
    return SqlStdOperatorTable.ITEM.createCall(pos, picker.createCall(pos, boxed, key),
        SqlLiteral.createExactNumeric("1", pos));
  }

  private static boolean isNamed(SqlCall call, String... names) {
    final String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    for (String candidate : names) {
      if (candidate.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a GROUP BY item is the column, by name (the column, its alias, a qualified form) or position. */
  private static boolean isGrouped(SqlIdentifier column, int position, @Nullable SqlNodeList group) {
    if (group == null) {
      return false;
    }
    final String name = column.names.get(column.names.size() - 1);
    for (SqlNode key : group) {
      if (key instanceof SqlIdentifier && ((SqlIdentifier) key).names.get(((SqlIdentifier) key).names.size() - 1)
          .equalsIgnoreCase(name)) {
        return true;
      }
      if (key instanceof SqlLiteral && key.toString().equals(String.valueOf(position + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The aggregate calls of a select list or HAVING, outside windows (OVER) and subqueries. */
  private static List<SqlCall> aggregatesIn(SqlNode items) {
    final List<SqlCall> found = new ArrayList<>();
    items.accept(new SqlBasicVisitor<Void>() {
      @Override public @Nullable Void visit(SqlCall call) {
        if (call instanceof SqlSelect || call.getKind() == SqlKind.OVER) {
          return null;
        }
        if (AGGREGATES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))
            && !(call.operandCount() > 1 && isNamed(call, "max", "min"))) {
          found.add(call);
          return null;
        }
        return super.visit(call);
      }
    });
    return found;
  }

  /** The value kept so far and the key it was kept for. */
  public static final class Kept {
    @Nullable Object value;
    @Nullable Object key;

    Kept offer(@Nullable Object candidate, @Nullable Object key, boolean max) {
      final Object sqlite = key == null ? null : MinMaxFunctions.sqliteValue(key);
      if (sqlite == null) {
        return this;
      }
      final Object best = this.key;
      if (best == null || (max ? MinMaxFunctions.compare(best, sqlite) < 0 : MinMaxFunctions.compare(best, sqlite) > 0)) {
        this.key = sqlite;
        this.value = candidate;
      }
      return this;
    }
  }

  /** The value of the row with the largest key. */
  public static final class OfMax {
    public static Kept init() {
      return new Kept();
    }

    public static Kept add(Kept kept, @Nullable Object value, @Nullable Object key) {
      return kept.offer(value, key, true);
    }

    public static @Nullable Object result(Kept kept) {
      return kept.value;
    }
  }

  /** The value of the row with the smallest key. */
  public static final class OfMin {
    public static Kept init() {
      return new Kept();
    }

    public static Kept add(Kept kept, @Nullable Object value, @Nullable Object key) {
      return kept.offer(value, key, false);
    }

    public static @Nullable Object result(Kept kept) {
      return kept.value;
    }
  }
}
