package io.credql.functions;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlJsonConstructorNullClause;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Calcite's validator with SQLite's habits for result columns: an unaliased expression is named
 * by its text as written ({@code json_extract(x, '$.a')}, not {@code EXPR$0}); a text literal
 * selected as a column is VARCHAR, not CHAR; a call of an unknown function, or of a known one
 * with the wrong number of arguments, is reported in one line naming the function.
 */
public final class SqliteValidator extends SqlValidatorImpl {
  private final @Nullable SourceText source;
  private BiConsumer<SqlSelect, SqlValidatorCatalogReader> selectRewrite = (select, catalog) -> { };

  /** A statement's text as parsed and as the user wrote it, which may differ by quotes added before parsing. */
  public interface SourceText {
    /** The text that was parsed, to which the parse tree's positions refer. */
    String parsed();

    /** The text the user wrote for {@code parsed()[start, end)}. */
    String written(int start, int end);
  }

  /**
   * A validator for the statement {@code source} (from which column names are taken; null when
   * unknown) that finds functions in {@code operatorTable}.
   */
  public SqliteValidator(SqlOperatorTable operatorTable, SqlValidatorCatalogReader catalogReader,
      JavaTypeFactory typeFactory, Config config, @Nullable SourceText source) {
    super(operatorTable, catalogReader, typeFactory, config);
    this.source = source;
  }

  /**
   * The validator of one statement on a connection: Calcite's own set-up (the connection's
   * conformance, null collation, the functions of its {@code fun} libraries and its schemas),
   * with StackQL's functions looked up first.
   */
  public static SqliteValidator forStatement(CalcitePrepare.Context context,
      Prepare.CatalogReader catalogReader, UnaryOperator<Config> configTransform,
      @Nullable SourceText source) {
    final CalciteConnectionConfig connection = context.config();
    final SqlOperatorTable calcite = SqlOperatorTables.chain(
        connection.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()),
        SqlOperatorTables.of(SqlLibraryOperators.RLIKE, SqlLibraryOperators.NOT_RLIKE),
        catalogReader);
    final Config config = Config.DEFAULT
        .withLenientOperatorLookup(connection.lenientOperatorLookup())
        .withConformance(connection.conformance())
        .withDefaultNullCollation(connection.defaultNullCollation())
        .withIdentifierExpansion(true);
    return new SqliteValidator(SqliteOperatorTable.over(calcite), catalogReader,
        context.getTypeFactory(), configTransform.apply(config), source);
  }

  /**
   * This validator, rewriting each SELECT with {@code rewrite} before validating it (the engine's
   * choice of a provider view's SELECT, which this package cannot see).
   */
  public SqliteValidator rewritingSelects(BiConsumer<SqlSelect, SqlValidatorCatalogReader> rewrite) {
    this.selectRewrite = requireNonNull(rewrite, "rewrite");
    return this;
  }

  /** Calcite's validation, then the check that each literal compared with a parameter can be its value. */
  @Override public SqlNode validate(SqlNode topNode) {
    final ParameterLiteralTypes parameterLiterals = new ParameterLiteralTypes(this, topNode);
    final SqlNode validated = super.validate(topNode);
    validated.accept(parameterLiterals);
    return validated;
  }

  /** Calcite's, after the dotted parameter names that name no table are read as one name each. */
  @Override protected void validateWhereClause(SqlSelect select) {
    final SqlNode where = select.getWhere();
    if (where != null) {
      select.setWhere(DottedParameterNames.resolve(where, getWhereScope(select), getCatalogReader().nameMatcher()));
    }
    super.validateWhereClause(select);
  }

  /** Calcite's, after the dotted field names that name no table are read as one name each. */
  @Override protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select,
      RelDataType targetRowType) {
    final SqlNodeList resolved = (SqlNodeList) DottedParameterNames.resolve(selectItems, getSelectScope(select),
        getCatalogReader().nameMatcher());
    for (int i = 0; i < selectItems.size(); i++) {
      selectItems.set(i, resolved.get(i));
    }
    return super.validateSelectList(selectItems, select, targetRowType);
  }

  @Override protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
    if (node instanceof SqlSelect) {
      final SqlSelect select = (SqlSelect) node;
      if (select.getFrom() != null) {
        select.setFrom(namedAfterItsFunction(requireNonNull(select.getFrom(), "from")));
      }
      nameColumns((SqlSelect) node);
      selectRewrite.accept((SqlSelect) node, getCatalogReader());
      SharedWhereParameters.qualify((SqlSelect) node, getCatalogReader());
      BareColumns.pick((SqlSelect) node);
      DistributionWindowFunctions.rewrite((SqlSelect) node);
    }
    if (node instanceof SqlJoin) {
      makeTableFunctionsLateral((SqlJoin) node);
    }
    if (node instanceof SqlLambda) {
      node = JsonArrowArguments.jsonOperator((SqlLambda) node);
    }
    if (node != null && node.getKind() == SqlKind.OVER) {
      node = windowOfSqliteAggregate((SqlCall) node);
    }
    if (node instanceof SqlCall && ((SqlCall) node).getOperator() == SqlStdOperatorTable.SUBSTRING) {
      // SQLite's substring is its substr (a negative start counts from the end)
      node = SqliteOperatorTable.function("substr").createCall(node.getParserPosition(),
          ((SqlCall) node).getOperandList());
    }
    if (node != null && node.getKind() == SqlKind.CAST) {
      castAsTextIsVarchar((SqlCall) node);
    }
    if (node instanceof SqlCall
        && (node.getKind() == SqlKind.DIVIDE || node.getKind() == SqlKind.MOD)) {
      divisorZeroIsNull((SqlCall) node);
    }
    if (node instanceof SqlCall) {
      node = MinMaxFunctions.scalarCall(sqliteAggregate(
          JsonValuedArguments.mark(sqliteJsonConstructor((SqlCall) node))));
    }
    return super.performUnconditionalRewrites(node, underFrom);
  }

  /** SQLite's {@code CAST(x AS TEXT)}: TEXT is SQLite's name of a VARCHAR, which Calcite does not know. */
  private static void castAsTextIsVarchar(SqlCall cast) {
    if (cast.operandCount() == 2 && cast.operand(1) instanceof SqlDataTypeSpec) {
      final SqlDataTypeSpec type = cast.operand(1);
      if (type.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec
          && type.getTypeName().isSimple()
          && type.getTypeName().getSimple().equalsIgnoreCase("TEXT")) {
        final SqlParserPos pos = type.getParserPosition();
        cast.setOperand(1, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
      }
    }
  }

  /**
   * {@code x / y} and {@code x % y} as {@code x / nullif(y, 0)}: in SQLite a division or remainder
   * by zero is NULL, where Calcite's stops the query with Java's "/ by zero".
   */
  private static void divisorZeroIsNull(SqlCall call) {
    if (call.operandCount() != 2) {
      return;
    }
    final SqlNode divisor = call.operand(1);
    if (divisor instanceof SqlNumericLiteral && ((SqlNumericLiteral) divisor).signum() != 0
        || divisor.getKind() == SqlKind.NULLIF) {
      return;
    }
    final SqlParserPos pos = divisor.getParserPosition();
    call.setOperand(1, SqlStdOperatorTable.NULLIF.createCall(pos, divisor,
        SqlLiteral.createExactNumeric("0", pos)));
  }

  /** SQLite's total, json_group_array and json_group_object as Calcite's aggregates that compute them. */
  private static SqlCall sqliteAggregate(SqlCall call) {
    return quoteJsonAggregateValues(AnyValueAggregates.totalOfNoRowsIsZero(call));
  }

  /**
   * {@code total(x) OVER w} as {@code coalesce(total(x, TRUE) OVER w, 0.0)}, and the JSON
   * aggregates alike: the coalesce that gives SQLite's value for no rows goes around the window,
   * since OVER applies to the aggregate itself.
   */
  private static SqlCall windowOfSqliteAggregate(SqlCall over) {
    final SqlNode aggregate = over.operand(0);
    if (!(aggregate instanceof SqlCall)) {
      return over;
    }
    final SqlCall rewritten = sqliteAggregate((SqlCall) aggregate);
    if (rewritten == aggregate || rewritten.getKind() != SqlKind.COALESCE) {
      return over;
    }
    over.setOperand(0, rewritten.operand(0));
    rewritten.setOperand(0, over);
    return rewritten;
  }

  /**
   * Types a node as Calcite does, except that max, min, sum and avg over a value of no one SQL
   * type ({@code max(json_extract(x, '$.a'))}) become SQLite's aggregates, which Calcite's cannot
   * compute.
   */
  @Override public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
    if (expr instanceof SqlBasicCall && ((SqlBasicCall) expr).getOperator().isAggregator()) {
      final SqlBasicCall call = (SqlBasicCall) expr;
      AnyValueAggregates.useSqlitesFor(call,
          operand -> super.deriveType(scope.getOperandScope(call), operand));
    }
    return super.deriveType(scope, expr);
  }

  /** Gives every unaliased expression in the select list its text as alias, and types text literals VARCHAR. */
  private void nameColumns(SqlSelect select) {
    final SqlNodeList items = select.getSelectList();
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item.getKind() == SqlKind.AS) {
        final SqlCall as = (SqlCall) item;
        if (as.operand(0) instanceof SqlCharStringLiteral) {
          as.setOperand(0, varchar(as.operand(0)));
        }
        continue;
      }
      if (item instanceof SqlIdentifier) {
        continue;
      }
      final String text = textOf(item);
      if (item instanceof SqlCharStringLiteral) {
        item = varchar(item);
      }
      if (text != null) {
        items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
            new SqlIdentifier(text, item.getParserPosition())));
      }
    }
  }

  /**
   * A table function after a comma or JOIN sees the tables before it, as in SQLite
   * ({@code FROM t, json_each(t.col)}): Calcite needs the word LATERAL for that.
   */
  private static void makeTableFunctionsLateral(SqlJoin join) {
    final SqlNode right = join.getRight();
    join.setLeft(namedAfterItsFunction(join.getLeft()));
    if (right.getKind() == SqlKind.COLLECTION_TABLE) {
      final SqlParserPos pos = right.getParserPosition();
      join.setRight(SqlStdOperatorTable.AS.createCall(pos,
          SqlStdOperatorTable.LATERAL.createCall(pos, right), functionName(right)));
    } else if (right.getKind() == SqlKind.AS
        && ((SqlCall) right).operand(0).getKind() == SqlKind.COLLECTION_TABLE) {
      final SqlNode table = ((SqlCall) right).operand(0);
      ((SqlCall) right).setOperand(0,
          SqlStdOperatorTable.LATERAL.createCall(table.getParserPosition(), table));
    }
  }

  /**
   * A table function in FROM without an alias, as {@code json_each(x) AS json_each}: SQLite names
   * its rows after the function ({@code SELECT json_each.value FROM t, json_each(t.tags)}).
   */
  private static SqlNode namedAfterItsFunction(SqlNode from) {
    if (from.getKind() != SqlKind.COLLECTION_TABLE) {
      return from;
    }
    return SqlStdOperatorTable.AS.createCall(from.getParserPosition(), from, functionName(from));
  }

  /** The name of the function a {@code TABLE(f(...))} calls, as an identifier. */
  private static SqlIdentifier functionName(SqlNode table) {
    final SqlNode call = ((SqlCall) table).operand(0);
    final String name = call instanceof SqlCall ? ((SqlCall) call).getOperator().getName() : "table";
    return new SqlIdentifier(name, table.getParserPosition());
  }

  private static SqlNode varchar(SqlNode literal) {
    final SqlParserPos pos = literal.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, literal,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
  }

  /**
   * Calcite's parser reads {@code json_object(...)} and {@code json_array(...)} as the SQL
   * standard's JSON constructors, with a NULL ON NULL clause first; StackQL means SQLite's.
   */
  private static SqlCall sqliteJsonConstructor(SqlCall call) {
    final SqlOperator operator = call.getOperator();
    if (operator != SqlStdOperatorTable.JSON_OBJECT && operator != SqlStdOperatorTable.JSON_ARRAY) {
      return call;
    }
    final List<SqlNode> operands = call.getOperandList();
    final List<SqlNode> values = operands.isEmpty() || !(operands.get(0) instanceof SqlLiteral
        && ((SqlLiteral) operands.get(0)).getValue() instanceof SqlJsonConstructorNullClause)
        ? operands : operands.subList(1, operands.size());
    final SqlOperator sqlite = SqliteOperatorTable.function(
        operator == SqlStdOperatorTable.JSON_OBJECT ? "json_object" : "json_array");
    return sqlite.createCall(call.getParserPosition(), values);
  }

  /**
   * {@code json_group_array(v)} becomes {@code coalesce(json_group_array(json_quote(v), TRUE), '[]')}
   * (and json_group_object alike): Calcite skips NULL aggregate arguments and gives NULL for no
   * rows, SQLite keeps NULLs as JSON null and gives an empty array; json_quote is never NULL, and
   * keeps JSON made by a JSON function as JSON.
   */
  private static SqlCall quoteJsonAggregateValues(SqlCall call) {
    final String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    final int arguments = name.equals("json_group_array") ? 1
        : name.equals("json_group_object") ? 2 : -1;
    if (call.operandCount() != arguments) {
      return call;
    }
    final SqlParserPos pos = call.getParserPosition();
    final List<SqlNode> operands = new java.util.ArrayList<>(call.getOperandList());
    operands.set(arguments - 1,
        SqliteOperatorTable.function("json_quote").createCall(pos, operands.get(arguments - 1)));
    operands.add(SqlLiteral.createBoolean(true, pos));
    final SqlCall aggregate = call.getOperator().createCall(call.getFunctionQuantifier(), pos,
        operands.toArray(new SqlNode[0]));
    // no rows: SQLite's empty array or object, where Calcite's aggregate gives NULL
    return SqlStdOperatorTable.COALESCE.createCall(pos, aggregate,
        SqlLiteral.createCharString(arguments == 1 ? "[]" : "{}", pos));
  }

  /** The statement text an expression was parsed from, as SQLite names a column; null when unknown. */
  private @Nullable String textOf(SqlNode node) {
    final SourceText source = this.source;
    if (source == null) {
      return null;
    }
    final String sql = source.parsed();
    final SqlParserPos pos = span(node);
    if (pos == null || pos.getLineNum() <= 0) {
      return null;
    }
    final int start = offset(sql, pos.getLineNum(), pos.getColumnNum());
    final int end = offset(sql, pos.getEndLineNum(), pos.getEndColumnNum());
    if (start < 0 || end < start || end >= sql.length()) {
      return null;
    }
    final int[] span = closed(sql, start, end + 1);
    return source.written(span[0], span[1]);
  }

  /**
   * The span {start, end} of an expression's text with the closing parentheses and END keywords
   * its parsed position leaves out (Calcite's position of a call can end at its last operand).
   */
  private static int[] closed(String sql, int start, int after) {
    final String text = sql.substring(start, after);
    int open = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        open++;
      } else if (!quoted && c == ')') {
        open--;
      }
    }
    int end = after;
    while (open > 0) {
      final int close = sql.indexOf(')', end);
      if (close < 0) {
        return new int[] {start, after};
      }
      end = close + 1;
      open--;
    }
    final String upper = sql.substring(start, end).toUpperCase(Locale.ROOT);
    if (upper.startsWith("CASE") && !upper.endsWith("END")) {
      final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*END\\b")
          .matcher(sql);
      if (m.find(end) && m.start() == end) {
        return new int[] {start, m.end()};
      }
    }
    return new int[] {start, end};
  }

  private static int offset(String sql, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      offset = sql.indexOf('\n', offset);
      if (offset < 0) {
        return -1;
      }
      offset++;
    }
    return offset + column - 1;
  }

  /** The positions of a node and everything in it: a call's own position may not cover its operands. */
  private static @Nullable SqlParserPos span(SqlNode node) {
    final SqlParserPos[] sum = {null};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visitNode(SqlNode n) {
        add(n);
        return null;
      }

      @Override public Void visit(SqlCall call) {
        add(call);
        return super.visit(call);
      }

      @Override public Void visit(SqlNodeList list) {
        add(list);
        return super.visit(list);
      }

      @Override public Void visit(SqlLiteral literal) {
        return visitNode(literal);
      }

      @Override public Void visit(SqlIdentifier id) {
        return visitNode(id);
      }

      private void add(SqlNode n) {
        final SqlParserPos pos = n.getParserPosition();
        if (pos.getLineNum() > 0) {
          sum[0] = sum[0] == null ? pos : sum[0].plus(pos);
        }
      }
    });
    return sum[0];
  }

  @Override public CalciteException handleUnresolvedFunction(SqlCall call, SqlOperator unresolved,
      List<RelDataType> argTypes, @Nullable List<String> argNames) {
    final String name = unresolved.getName().toLowerCase(Locale.ROOT);
    final String arity = SqliteOperatorTable.arity(name);
    if (arity != null) {
      return new CalciteException(name + "() takes " + arity + ", not " + argTypes.size(), null);
    }
    if (!SqliteOperatorTable.isDefined(name) && !isCalciteFunction(unresolved.getName())) {
      return new CalciteException("Unknown function " + name + "(); the functions credql knows"
          + " are listed in docs/guide.md (Functions), with Calcite's standard SQL functions", null);
    }
    return super.handleUnresolvedFunction(call, unresolved, argTypes, argNames);
  }

  private boolean isCalciteFunction(String name) {
    final List<SqlOperator> found = new java.util.ArrayList<>();
    getOperatorTable().lookupOperatorOverloads(new SqlIdentifier(name, SqlParserPos.ZERO), null,
        org.apache.calcite.sql.SqlSyntax.FUNCTION, found, getCatalogReader().nameMatcher());
    return !found.isEmpty();
  }

  @Override public RelDataType getLogicalSourceRowType(RelDataType sourceRowType,
      org.apache.calcite.sql.SqlInsert insert) {
    return ((JavaTypeFactory) typeFactory).toSql(super.getLogicalSourceRowType(sourceRowType, insert));
  }

  @Override public RelDataType getLogicalTargetRowType(RelDataType targetRowType,
      org.apache.calcite.sql.SqlInsert insert) {
    return ((JavaTypeFactory) typeFactory).toSql(super.getLogicalTargetRowType(targetRowType, insert));
  }
}
