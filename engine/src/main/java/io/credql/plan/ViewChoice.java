package io.credql.plan;

import io.credql.document.ResourceDefinition;
import io.credql.error.UnsupportedVerbException;
import io.credql.functions.WhereConjuncts;
import io.credql.sql.CredqlParserConfig;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * StackQL's choice among a view's SELECTs: the first whose required parameters ({@code
 * requiredParams == [ data__Identifier ]} in its predicate) the query gives, in WHERE or ON, as
 * StackQL's {@code MatchOnParams} picks the view (its {@code router/parameter_router.go}); the
 * aws provider's views read one resource by its Identifier when the query gives one, and list
 * every resource of the type (the fallback's join of the listing and the detail) when it does not.
 * The first SELECT is the table's own expansion; another is put in the FROM in its place.
 */
public final class ViewChoice {
  private ViewChoice() {
  }

  /** {@code select}'s FROM with each view whose first SELECT the query cannot run replaced by the one it can. */
  public static void choose(SqlSelect select, SqlValidatorCatalogReader catalog) {
    final SqlNode from = select.getFrom();
    if (from == null) {
      return;
    }
    final List<SqlNode> conditions = new ArrayList<>();
    if (select.getWhere() != null) {
      conditions.addAll(WhereConjuncts.of(select.getWhere()));
    }
    select.setFrom(chosen(from, catalog, conditions));
  }

  private static SqlNode chosen(SqlNode from, SqlValidatorCatalogReader catalog, List<SqlNode> conditions) {
    if (from instanceof SqlJoin) {
      final SqlJoin join = (SqlJoin) from;
      final List<SqlNode> all = new ArrayList<>(conditions);
      if (join.getCondition() != null) {
        all.addAll(WhereConjuncts.of(join.getCondition()));
      }
      join.setLeft(chosen(join.getLeft(), catalog, all));
      join.setRight(chosen(join.getRight(), catalog, all));
      return join;
    }
    SqlNode table = from;
    String alias = null;
    if (from.getKind() == SqlKind.AS) {
      table = ((SqlCall) from).operand(0);
      alias = ((SqlIdentifier) ((SqlCall) from).operand(1)).getSimple();
    }
    if (!(table instanceof SqlIdentifier)) {
      return from;
    }
    final @Nullable SqlValidatorTable found = catalog.getTable(((SqlIdentifier) table).names);
    final ResourceTable resourceTable = found == null ? null : found.unwrap(ResourceTable.class);
    if (resourceTable == null || resourceTable.resource().viewVariants().size() < 2) {
      return from;
    }
    final ResourceDefinition resource = resourceTable.resource();
    final String name = alias != null ? alias : Util.last(((SqlIdentifier) table).names);
    final Set<String> given = givenNames(conditions, name);
    final List<ResourceDefinition.ViewVariant> variants = resource.viewVariants();
    for (int i = 0; i < variants.size(); i++) {
      if (given.containsAll(variants.get(i).requiredParams())) {
        return i == 0 ? from : SqlStdOperatorTable.AS.createCall(from.getParserPosition(),
            parsed(resource, variants.get(i).sql(), resourceTable), new SqlIdentifier(name, from.getParserPosition()));
      }
    }
    return from;
  }

  /** The names {@code column = value} and {@code column IN (...)} give, unqualified or qualified by {@code alias}. */
  private static Set<String> givenNames(List<SqlNode> conditions, String alias) {
    final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (SqlNode condition : conditions) {
      if (condition.getKind() != SqlKind.EQUALS && condition.getKind() != SqlKind.IN) {
        continue;
      }
      for (SqlNode operand : ((SqlCall) condition).getOperandList()) {
        if (operand instanceof SqlIdentifier && !((SqlIdentifier) operand).isStar()) {
          final List<String> parts = ((SqlIdentifier) operand).names;
          if (parts.size() == 1 || parts.size() == 2 && parts.get(0).equalsIgnoreCase(alias)) {
            names.add(Util.last(parts));
          }
        }
      }
    }
    return names;
  }

  private static SqlNode parsed(ResourceDefinition resource, String ddl, ResourceTable table) {
    final String sql = ProviderView.calciteSql(resource, ddl, table.columns());
    try {
      return SqlParser.create(sql, CredqlParserConfig.CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw new UnsupportedVerbException(resource.id() + " is a StackQL view that credql cannot run: its"
          + " SELECT for a query without its required parameters cannot be read; query the resources it"
          + " reads instead").unchecked();
    }
  }
}
