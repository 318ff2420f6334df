package io.credql.functions;

import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceRowType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * StackQL's routing of an unqualified WHERE parameter over a join: {@code WHERE region = 'x'} (or
 * {@code region IN (...)}) binds {@code region} of every resource in the FROM that has that column
 * (StackQL's {@code getAvailableParameters} offers an unqualified WHERE parameter to every table),
 * where SQL would call the name ambiguous. Such a condition becomes one condition per resource,
 * qualified by its alias, when at least one of them takes the name as a parameter; a name that is
 * only a response field of several resources stays ambiguous, as it is in StackQL's SQLite.
 */
final class SharedWhereParameters {
  private SharedWhereParameters() {
  }

  /** Qualifies {@code select}'s shared unqualified parameter conditions, as above. */
  static void qualify(SqlSelect select, SqlValidatorCatalogReader catalog) {
    final SqlNode where = select.getWhere();
    final SqlNode from = select.getFrom();
    if (where == null || !(from instanceof SqlJoin)) {
      return;
    }
    final Map<String, ResourceRowType> resources = new LinkedHashMap<>();
    resources(from, catalog, resources);
    if (resources.size() < 2) {
      return;
    }
    final List<SqlNode> conjuncts = new ArrayList<>();
    boolean changed = false;
    for (SqlNode conjunct : WhereConjuncts.of(where)) {
      final List<SqlNode> qualified = qualified(conjunct, resources);
      changed |= qualified.size() > 1;
      conjuncts.addAll(qualified);
    }
    if (changed) {
      select.setWhere(WhereConjuncts.and(conjuncts));
    }
  }

  /** {@code conjunct} once per resource that has its unqualified column, or {@code conjunct} alone. */
  private static List<SqlNode> qualified(SqlNode conjunct, Map<String, ResourceRowType> resources) {
    if (conjunct.getKind() != SqlKind.EQUALS && conjunct.getKind() != SqlKind.IN) {
      return List.of(conjunct);
    }
    final SqlCall call = (SqlCall) conjunct;
    final int side = unqualified(call.operand(0)) ? 0
        : conjunct.getKind() == SqlKind.EQUALS && unqualified(call.operand(1)) ? 1 : -1;
    if (side < 0) {
      return List.of(conjunct);
    }
    final SqlIdentifier column = call.operand(side);
    final List<String> aliases = new ArrayList<>();
    boolean parameter = false;
    for (Map.Entry<String, ResourceRowType> resource : resources.entrySet()) {
      final ResourceColumn found = resource.getValue().columns().find(column.getSimple());
      if (found != null) {
        aliases.add(resource.getKey());
        parameter |= found.isParameter();
      }
    }
    if (aliases.size() < 2 || !parameter) {
      return List.of(conjunct);
    }
    final List<SqlNode> result = new ArrayList<>();
    for (String alias : aliases) {
      final List<SqlNode> operands = new ArrayList<>(call.getOperandList());
      operands.set(side, new SqlIdentifier(List.of(alias, column.getSimple()), column.getParserPosition()));
      operands.set(1 - side, operands.get(1 - side).clone(operands.get(1 - side).getParserPosition()));
      result.add(call.getOperator().createCall(call.getParserPosition(), operands));
    }
    return result;
  }

  private static boolean unqualified(SqlNode node) {
    return node instanceof SqlIdentifier && ((SqlIdentifier) node).isSimple() && !((SqlIdentifier) node).isStar();
  }

  /** The resources a FROM of joins names, by alias (the table's own name when it has none). */
  private static void resources(SqlNode from, SqlValidatorCatalogReader catalog, Map<String, ResourceRowType> into) {
    if (from instanceof SqlJoin) {
      resources(((SqlJoin) from).getLeft(), catalog, into);
      resources(((SqlJoin) from).getRight(), catalog, into);
      return;
    }
    final FromTable table = FromTable.of(from, catalog);
    if (table != null && table.table().getRowType() instanceof ResourceRowType) {
      into.put(table.alias(), (ResourceRowType) table.table().getRowType());
    }
  }
}
