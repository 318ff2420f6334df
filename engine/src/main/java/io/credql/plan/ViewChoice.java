package io.credql.plan;

import io.credql.document.ResourceDefinition;
import io.credql.error.UnsupportedVerbException;
import io.credql.functions.FromTable;
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
import org.apache.calcite.util.Util;

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
 * The first SELECT is the table's own expansion; another is put in the FROM in its place, as is
 * the first when it holds a default ({@code region = 'us-east-1'}) the query does not give, which
 * the table's own expansion leaves to the outer query.
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
    final FromTable table = FromTable.of(from, catalog);
    final ResourceTable resourceTable = table == null ? null : table.table().unwrap(ResourceTable.class);
    if (table == null || resourceTable == null || resourceTable.resource().viewVariants().isEmpty()) {
      return from;
    }
    final ResourceDefinition resource = resourceTable.resource();
    final String name = table.alias();
    final Set<String> given = givenNames(conditions, name);
    final List<ResourceDefinition.ViewVariant> variants = resource.viewVariants();
    for (int i = 0; i < variants.size(); i++) {
      final String ddl = variants.get(i).sql();
      if (given.containsAll(variants.get(i).requiredParams())) {
        // the table's own expansion runs the first SELECT and takes each default (region =
        // 'us-east-1') from the outer query: here only when the outer query gives every one
        final String sql = ProviderView.calciteSql(resource, ddl, resourceTable.columns(), given);
        return i == 0 && sql.equals(ProviderView.calciteSql(resource, ddl, resourceTable.columns(), null)) ? from
            : SqlStdOperatorTable.AS.createCall(from.getParserPosition(), parsed(resource, sql),
                new SqlIdentifier(name, from.getParserPosition()));
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

  private static SqlNode parsed(ResourceDefinition resource, String sql) {
    try {
      return SqlParser.create(sql, CredqlParserConfig.CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw new UnsupportedVerbException(resource.id() + " is a StackQL view that credql cannot run: the"
          + " SELECT it runs for this query cannot be read; query the resources it reads instead").unchecked();
    }
  }
}
