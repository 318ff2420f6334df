package io.credql.jdbc;

import io.credql.error.CredqlException;
import io.credql.functions.SqliteSortOrder;
import io.credql.functions.SqliteValidator;
import io.credql.redact.StatementMasker;
import io.credql.session.CatalogSecretNames;
import io.credql.session.CredqlSession;
import io.credql.sql.CredqlParserConfig;
import io.credql.sql.SqlExplainStatement;
import io.credql.sql.SqlNativeQuery;
import io.credql.sql.StackqlIdentifiers;
import io.credql.sql.StatementForms;
import io.credql.statement.ExplainResult;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import io.credql.statement.StatementHandler;
import io.credql.statement.StatementHandlers;
import io.credql.error.SyntaxErrorException;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import io.credql.plan.LargeInListCalcRule;
import io.credql.plan.LargeInListRule;
import io.credql.plan.ViewChoice;
import org.apache.calcite.util.TryThreadLocal;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's prepare step, with credql's statements routed first: the statement is parsed with
 * credql's grammar; EXEC, SHOW, DESCRIBE and DML on resources are prepared by their
 * {@link StatementHandler}, everything else by Calcite. Syntax errors are reported with their
 * position and without a stack trace.
 */
public class CredqlPrepare extends CalcitePrepareImpl {
  /** The statement after StackQL's EXPLAIN. */
  private static final Pattern EXPLAINED = Pattern.compile("(?is)\\s*EXPLAIN\\s+(.*?)[;\\s]*");
  /** The statement being prepared (one instance prepares one statement): its text names columns. */
  private @Nullable String sql;

  /**
   * Prepares the statement; if it is too deep for this thread's stack (thousands of OR terms,
   * deeply nested parentheses), prepares it again on a thread whose stack is deep enough.
   */
  @Override public <T> CalcitePrepare.CalciteSignature<T> prepareSql(Context context,
      Query<T> query, Type elementType, long maxRowCount) {
    try {
      return prepareStatement(context, query, elementType, maxRowCount, false);
    } catch (RuntimeException | StackOverflowError e) {
      if (!SyntaxErrorException.isTooDeep(e)) {
        throw e;
      }
    }
    return DeepStack.call(() -> prepareStatement(context, query, elementType, maxRowCount, true));
  }

  private <T> CalcitePrepare.CalciteSignature<T> prepareStatement(Context context,
      Query<T> query, Type elementType, long maxRowCount, boolean deepStack) {
    sql = query.sql;
    if (query.sql != null) {
      final String sql = StackqlIdentifiers.toCalcite(query.sql);
      final Query<T> calciteQuery = sql.equals(query.sql) ? query : Query.of(sql);
      final CredqlSession session = Sessions.of(context.getMutableRootSchema());
      final SqlNode node;
      try {
        node = parse(context.config(), sql);
      } catch (SqlParseException e) {
        if (!deepStack && SyntaxErrorException.isTooDeep(e)) {
          throw new IllegalStateException("the parser ran out of stack", e);
        }
        throw StatementForms.explain(sql, SyntaxErrorException.of(e)).unchecked();
      }
      if (node instanceof SqlNativeQuery) {
        // credql has no backing database of its own: StackQL's raw SQL is run as credql SQL
        return prepareStatement(context, Query.of(((SqlNativeQuery) node).query()), elementType,
            maxRowCount, deepStack);
      }
      if (node instanceof SqlExplainStatement) {
        return explain(context, sql, ((SqlExplainStatement) node).statement(), session, deepStack);
      }
      final StatementHandler handler = session == null ? null : StatementHandlers.find(node, session);
      if (handler != null) {
        try {
          return handler.prepare(context, sql, node);
        } catch (CredqlException e) {
          throw e.unchecked();
        }
      }
      return prepareQuery(context, calciteQuery, elementType, maxRowCount);
    }
    return prepareQuery(context, query, elementType, maxRowCount);
  }

  /**
   * StackQL's EXPLAIN: the statement is prepared (so an invalid one fails here, as in StackQL) but
   * never executed; the plan is Calcite's physical plan (its resource scans and the filters given
   * to their calls) or, for a statement credql runs itself, what it will call.
   */
  private <T> CalcitePrepare.CalciteSignature<T> explain(Context context, String sql, SqlNode statement,
      @Nullable CredqlSession session, boolean deepStack) {
    final Matcher matcher = EXPLAINED.matcher(sql);
    final String explained = matcher.matches() ? matcher.group(1).strip() : statement.toString();
    prepareStatement(context, Query.of(explained), Object[].class, -1, deepStack);
    // The statement is shown with its secrets masked, and masking it makes them known to the
    // redactor, which then masks them in the plan (a WHERE value bound to a parameter or filtered on).
    final String shown = session == null ? explained
        : new StatementMasker(session.redactor(), CatalogSecretNames.of(session.catalog())).mask(explained);
    final StatementHandler calls = session == null ? null
        : StatementHandlers.findExplaining(statement, session);
    if (calls != null) {
      final CalcitePrepare.CalciteSignature<Object> requests;
      try {
        requests = calls.prepare(context, explained, statement);
      } catch (CredqlException e) {
        throw e.unchecked();
      }
      return ExplainResult.signature(context, sql, shown,
          dataContext -> ExplainResult.requests(requests.enumerable(dataContext)));
    }
    final StatementHandler handler = session == null ? null : StatementHandlers.find(statement, session);
    if (handler != null) {
      final String plan = explained.split("\\s+", 2)[0].toUpperCase(Locale.ROOT) + " run by credql itself: its API calls are"
          + " bound and sent only when it runs (dryRun=true lists them without sending)";
      return ExplainResult.signature(context, sql, shown, dataContext -> plan);
    }
    final CalcitePrepare.CalciteSignature<Object> calcitePlan =
        prepareQuery(context, Query.of("EXPLAIN PLAN FOR " + explained), Object[].class, -1);
    return ExplainResult.signature(context, sql, shown, dataContext -> {
      final StringBuilder plan = new StringBuilder();
      for (Object row : calcitePlan.enumerable(dataContext)) {
        plan.append(row instanceof Object[] ? ((Object[]) row)[0] : row);
      }
      final String text = plan.toString().strip();
      return session == null ? text : session.redactor().redact(text);
    });
  }

  /**
   * Calcite's preparation of a query, with IN lists of any length kept as filters (Calcite's
   * default turns a list of 20 or more values into a join with a list of rows): a filter binds a
   * parameter's values to the calls of a scan, and {@code LargeInListRule} makes a join of a long
   * list on any other column.
   */
  private <T> CalcitePrepare.CalciteSignature<T> prepareQuery(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
  }

  /**
   * Calcite's preparing statement, except that it looks for no lattices or materialized views:
   * credql has none, and looking walks every provider's schema, reading every provider's document
   * for each statement.
   */
  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    final JavaTypeFactory typeFactory = context.getTypeFactory();
    final EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    final Convention resultConvention = enableBindable ? BindableConvention.INSTANCE
        : EnumerableConvention.INSTANCE;
    return new CalcitePreparingStmt(this, context, catalogReader, typeFactory,
        context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(typeFactory)),
        resultConvention, createConvertletTable()) {
      @Override protected List<CalciteSchema.LatticeEntry> getLattices() {
        return List.of();
      }

      @Override protected List<Materialization> getMaterializations() {
        return List.of();
      }

      /**
       * Calcite's standard program between a pass that makes long IN lists on response columns
       * joins (after sorts by untyped values are made SQLite's) and one that makes joins of those
       * left to re-check rows after binding calls.
       */
      @Override protected Program getProgram() {
        return SqliteSortOrder.before(Programs.sequence(Programs.hep(List.of(LargeInListRule.INSTANCE), true,
            DefaultRelMetadataProvider.INSTANCE), super.getProgram(),
            Programs.hep(List.of(LargeInListCalcRule.INSTANCE), true, DefaultRelMetadataProvider.INSTANCE)));
      }

      @Override protected SqlValidator createSqlValidator(CatalogReader catalogReader,
          UnaryOperator<SqlValidator.Config> configTransform) {
        final String written = sql;
        return SqliteValidator.forStatement(context, catalogReader, configTransform,
            written == null ? null : StackqlIdentifiers.rewrite(written)).rewritingSelects(ViewChoice::choose);
      }
    };
  }

  /**
   * The parser of views' SQL when Calcite expands them: credql's grammar with the connection's
   * lexical rules (Calcite's own default would upper-case unquoted names).
   */
  @Override protected SqlParser.Config parserConfig() {
    return CredqlParserConfig.CONFIG;
  }

  static SqlNode parse(CalciteConnectionConfig config, String sql) throws SqlParseException {
    final SqlParser.Config parserConfig = SqlParser.config()
        .withParserFactory(CredqlSqlParserImpl.FACTORY)
        .withQuoting(config.quoting())
        .withQuotedCasing(config.quotedCasing())
        .withUnquotedCasing(config.unquotedCasing())
        .withCaseSensitive(config.caseSensitive())
        .withConformance(config.conformance());
    return SqlParser.create(sql, parserConfig).parseStmt();
  }
}
