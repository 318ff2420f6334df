package io.credql.plan;

import io.credql.document.ResourceDefinition;
import io.credql.document.ServiceDocument;
import io.credql.document.ViewColumnNames;
import io.credql.error.UnsupportedVerbException;
import io.credql.functions.WhereConjuncts;
import io.credql.schema.ResourceColumn;
import io.credql.schema.ResourceColumns;
import io.credql.sql.CredqlParserConfig;
import io.credql.sql.StackqlIdentifiers;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A view a provider document declares ({@code config.views}, e.g. the {@code vw_*} resources of
 * StackQL's Databricks provider), run as a Calcite view. StackQL fills its
 * {@code WHERE p = '{{ p }}'} placeholders from the outer query's WHERE; here each such condition
 * becomes an output column {@code p} instead, so the outer {@code WHERE p = 'x'} reaches the
 * resource underneath as any condition does, and binds its parameter there. Any other use of a
 * placeholder is refused with a message saying so.
 */
final class ProviderView {
  /** awscc's placeholder of a view's Identifier: {@code '<Name>'}, or {@code '<Arn>|<Principal>'} for a compound one. */
  private static final Pattern ANGLE_PLACEHOLDER =
      Pattern.compile("<[A-Za-z_][A-Za-z0-9_]*>(?:\\|<[A-Za-z_][A-Za-z0-9_]*>)*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.?(?:values\\.)?([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private ProviderView() {
  }

  /** The view expanded into the query that reads it. */
  static RelNode toRel(ResourceTable table, RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    final String sql = calciteSql(table.resource(), table.columns());
    final RelRoot root = context.expandView(relOptTable.getRowType(), sql, List.of(),
        relOptTable.getQualifiedName());
    return RelOptUtil.createCastRel(root.rel, relOptTable.getRowType(), true);
  }

  /**
   * The view's SELECT rewritten for Calcite: placeholders turned into output columns, and the
   * columns the document declares, in its order, selected from it.
   */
  static String calciteSql(ResourceDefinition resource, ResourceColumns columns) {
    final String ddl = resource.viewSql();
    if (ddl == null) {
      throw refused(resource, "its document gives no SELECT for SQLite's dialect");
    }
    return calciteSql(resource, ddl, columns, null);
  }

  /**
   * The same for {@code ddl}, one of the view's SELECTs ({@link ResourceDefinition#viewVariants()}),
   * keeping a default the outer query does not give ({@code region = 'us-east-1'} when {@code given},
   * the names the outer query binds, has no {@code region}; null: it may give any).
   */
  static String calciteSql(ResourceDefinition resource, String ddl, ResourceColumns columns,
      @Nullable Set<String> given) {
    final SqlNode parsed;
    try {
      parsed = SqlParser.create(StackqlIdentifiers.toCalcite(ddl), CredqlParserConfig.CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw refused(resource, "its SELECT cannot be read ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
    if (!(parsed instanceof SqlSelect)) {
      throw refused(resource, "its query is not a single SELECT");
    }
    final SqlSelect select = (SqlSelect) parsed;
    final Map<String, SqlNode> parameters = new LinkedHashMap<>();
    final List<SqlNode> kept = new ArrayList<>();
    final Set<String> selected = plainColumns(select);
    final ResourceColumns underneath = underlyingColumns(resource, select);
    if (select.getWhere() != null) {
      for (SqlNode conjunct : WhereConjuncts.of(select.getWhere())) {
        final String parameter = placeholderCondition(conjunct);
        if (parameter != null) {
          parameters.put(parameter, ((SqlCall) conjunct).operand(0));
        } else if (!isOverridableDefault(conjunct, selected, underneath)
            || given != null && !given.contains(Util.last(((SqlIdentifier) ((SqlCall) conjunct).operand(0)).names))) {
          kept.add(conjunct);
        }
      }
    }
    select.setWhere(WhereConjuncts.and(kept));
    final Set<String> outputs = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    boolean star = false;
    final ViewColumnNames unique = new ViewColumnNames();
    for (int i = 0; i < select.getSelectList().size(); i++) {
      final SqlNode item = select.getSelectList().get(i);
      final String name = outputName(item);
      star |= item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar();
      if (name != null) {
        final String uniqueName = unique.add(name);
        if (!uniqueName.equals(name)) {
          // a second column of one name is region:1, as SQLite names it
          select.getSelectList().set(i, SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO,
              item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item,
              new SqlIdentifier(uniqueName, SqlParserPos.ZERO)));
        }
        outputs.add(uniqueName);
      }
    }
    for (Map.Entry<String, SqlNode> parameter : parameters.entrySet()) {
      if (!outputs.contains(parameter.getKey())) {
        select.getSelectList().add(SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO,
            parameter.getValue(), new SqlIdentifier(parameter.getKey(), SqlParserPos.ZERO)));
        outputs.add(parameter.getKey());
      }
    }
    final String inner = select.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    if (PLACEHOLDER.matcher(inner).find() || inner.contains("{{")) {
      throw refused(resource, "it uses a {{ placeholder }} other than in WHERE column = '{{ name }}'");
    }
    final StringBuilder outer = new StringBuilder("SELECT ");
    final List<ResourceColumn> declared = columns.list();
    for (int i = 0; i < declared.size(); i++) {
      final String name = declared.get(i).name().replace("\"", "\"\"");
      outer.append(i == 0 ? "" : ", ").append(star || outputs.contains(declared.get(i).name())
          ? "\"" + name + "\"" : "CAST(NULL AS VARCHAR) AS \"" + name + "\"");
    }
    return outer.append(" FROM (").append(inner).append(") AS \"credql$view\"").toString();
  }

  /**
   * The parameter of {@code column = '{{ name }}'} (named {@code name}) or of {@code column =
   * '<Name>'} or {@code '<Arn>|<Name>'}, awscc's way (named {@code column}, as its pages query it), or null.
   */
  private static @Nullable String placeholderCondition(SqlNode node) {
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    final SqlBasicCall call = (SqlBasicCall) node;
    if (!(call.operand(0) instanceof SqlIdentifier) || !(call.operand(1) instanceof SqlLiteral)) {
      return null;
    }
    final String text = ((SqlLiteral) call.operand(1)).toValue();
    if (text != null && ANGLE_PLACEHOLDER.matcher(text.trim()).matches()) {
      return Util.last(((SqlIdentifier) call.operand(0)).names);
    }
    final Matcher matcher = text == null ? null : PLACEHOLDER.matcher(text.trim());
    return matcher != null && matcher.matches() ? matcher.group(1) : null;
  }

  /**
   * Whether {@code node} is {@code column = literal} on a column the view selects as it is and that is
   * a parameter of the resource underneath (awscc's {@code region = 'us-east-1'}): StackQL lets the
   * outer query's WHERE give that parameter instead, so the condition is dropped and the parameter
   * takes the outer value, or the document's default when the outer query gives none.
   */
  private static boolean isOverridableDefault(SqlNode node, Set<String> selected,
      @Nullable ResourceColumns underneath) {
    if (node.getKind() != SqlKind.EQUALS || underneath == null) {
      return false;
    }
    final SqlBasicCall call = (SqlBasicCall) node;
    if (!(call.operand(0) instanceof SqlIdentifier) || !(call.operand(1) instanceof SqlLiteral)) {
      return false;
    }
    final String column = Util.last(((SqlIdentifier) call.operand(0)).names);
    final ResourceColumn parameter = underneath.find(column);
    return selected.contains(column) && parameter != null && parameter.isParameter();
  }

  /** The names of the columns the view selects as they are ({@code SELECT region, ...}). */
  private static Set<String> plainColumns(SqlSelect select) {
    final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier && !((SqlIdentifier) item).isStar()) {
        names.add(Util.last(((SqlIdentifier) item).names));
      }
    }
    return names;
  }

  /** The columns of the one resource the view reads from, when it names one of its own provider. */
  private static @Nullable ResourceColumns underlyingColumns(ResourceDefinition resource, SqlSelect select) {
    if (!(select.getFrom() instanceof SqlIdentifier) || ((SqlIdentifier) select.getFrom()).names.size() != 3) {
      return null;
    }
    final List<String> names = ((SqlIdentifier) select.getFrom()).names;
    final ServiceDocument service = resource.service().provider().service(names.get(1));
    final ResourceDefinition underneath = service == null ? null : service.resource(names.get(2));
    return underneath == null ? null : ResourceColumns.of(underneath);
  }

  private static @Nullable String outputName(SqlNode item) {
    if (item.getKind() == SqlKind.AS) {
      return ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
    }
    if (item instanceof SqlIdentifier && !((SqlIdentifier) item).isStar()) {
      final List<String> names = ((SqlIdentifier) item).names;
      return names.get(names.size() - 1);
    }
    return null;
  }


  private static RuntimeException refused(ResourceDefinition resource, String why) {
    return new UnsupportedVerbException(resource.id() + " is a StackQL view that credql cannot run: "
        + why + "; query the resources it reads instead (DESCRIBE " + resource.id()
        + " shows its columns)").unchecked();
  }
}
