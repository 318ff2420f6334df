package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.call.CallBinder;
import io.credql.call.Page;
import io.credql.document.MethodChooser;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SchemaNode;
import io.credql.document.SqlNames;
import io.credql.document.SqlVerb;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import io.credql.config.Environment;
import io.credql.sql.SqlMutation;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Runs StackQL's INSERT, UPDATE, REPLACE and DELETE on resources through the methods
 * {@code sqlVerbs} maps them to: one call per inserted row, per combination of WHERE values.
 * Every call is bound and checked before the first is sent. The result is the number of calls
 * that succeeded, or with {@code RETURNING} the response's rows (through the method's
 * {@code objectKey}); {@code /*+ AWAIT *}{@code /} waits for each call's asynchronous operation.
 */
final class DmlHandler implements StatementHandler {
  private static final Set<String> HINTS = Set.of("AWAIT", SecretSource.ALLOW_HINT);

  private final CredqlSession session;
  private final CallRunner runner;
  private final CallBinder binder;

  DmlHandler(CredqlSession session) {
    this(session, new CallRunner(session));
  }

  /** A handler whose calls {@code runner} makes (or, for EXPLAIN, describes). */
  DmlHandler(CredqlSession session, CallRunner runner) {
    this.session = requireNonNull(session, "session");
    this.runner = requireNonNull(runner, "runner");
    this.binder = new CallBinder(session.redactor(), CallBinder.Naming.COLUMN);
  }

  static boolean accepts(SqlNode node, CredqlSession session) {
    return node instanceof SqlMutation || node instanceof SqlInsert || node instanceof SqlDelete
        || node instanceof SqlUpdate;
  }

  /** One value of a row of arguments: a column (input) name and where its value comes from. */
  private static final class Assignment {
    final String column;
    final ValueSource value;

    Assignment(String column, ValueSource value) {
      this.column = column;
      this.value = value;
    }
  }

  /** What a statement asks of its calls besides making them: waiting, and which fields to return. */
  private static final class Options {
    final boolean await;
    final @Nullable List<ResultColumn> returning;

    Options(boolean await, @Nullable List<ResultColumn> returning) {
      this.await = await;
      this.returning = returning;
    }
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlMutation mutation = node instanceof SqlMutation ? (SqlMutation) node : null;
    final SqlCall statement = mutation != null ? mutation.statement() : (SqlCall) node;
    final SqlVerb verb = mutation != null ? SqlVerb.valueOf(mutation.verb().name())
        : statement instanceof SqlInsert ? SqlVerb.INSERT
        : statement instanceof SqlDelete ? SqlVerb.DELETE : SqlVerb.UPDATE;
    if (mutation != null) {
      for (String hint : mutation.hintNames()) {
        if (!HINTS.contains(hint)) {
          throw new InvalidInputException("unknown hint " + hint + ": " + verb.name()
              + " accepts /*+ AWAIT */ and /*+ " + SecretSource.ALLOW_HINT + " */");
        }
      }
    }
    final List<String> hints = mutation == null ? List.of() : mutation.hintNames();
    final boolean await = hints.contains("AWAIT");
    final SqlNodeList returning = mutation == null ? null : mutation.returning();
    if (statement instanceof SqlInsert) {
      return prepareInsert(context, sql, (SqlInsert) statement, await, returning, hints);
    }
    final SqlNode targetNode = statement instanceof SqlDelete
        ? ((SqlDelete) statement).getTargetTable() : ((SqlUpdate) statement).getTargetTable();
    final ResourceDefinition resource = ObjectNames.resource(session, context, (SqlIdentifier) targetNode);
    final SqlNode condition = statement instanceof SqlDelete ? ((SqlDelete) statement).getCondition()
        : ((SqlUpdate) statement).getCondition();
    final SqlIdentifier target = (SqlIdentifier) targetNode;
    final Map<String, List<ValueSource>> where = whereValues(condition, target, verb, session.environment());
    final List<Assignment> set = new ArrayList<>();
    if (statement instanceof SqlUpdate) {
      final SqlUpdate update = (SqlUpdate) statement;
      for (int i = 0; i < update.getTargetColumnList().size(); i++) {
        final String column = columnName(update.getTargetColumnList().get(i), target);
        set.add(new Assignment(column,
            ValueSource.of(update.getSourceExpressionList().get(i), "the value of " + column,
            session.environment())));
      }
    }
    final Set<String> bound = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    bound.addAll(where.keySet());
    set.forEach(a -> bound.add(a.column));
    final MethodDefinition method = new MethodChooser(resource, verb).choose(bound, "");
    final Options options = new Options(await, returningColumns(method, returning));
    final List<Assignment> given = new ArrayList<>(set);
    where.forEach((column, values) -> values.forEach(value -> given.add(new Assignment(column, value))));
    refuseMisplacedSecrets(method, verb, given, hints);
    final List<ValueSource> sources = new ArrayList<>();
    where.values().forEach(sources::addAll);
    set.forEach(a -> sources.add(a.value));
    return signature(context, sql, method, sources, options, dataContext -> {
      final List<List<Assignment>> rows = new ArrayList<>();
      for (Map<String, ValueSource> combination : combinations(where)) {
        final List<Assignment> row = new ArrayList<>(set);
        combination.forEach((column, value) -> row.add(new Assignment(column, value)));
        rows.add(row);
      }
      return calls(method, rows, dataContext);
    });
  }

  private <T> CalcitePrepare.CalciteSignature<T> prepareInsert(CalcitePrepare.Context context,
      String sql, SqlInsert insert, boolean await, @Nullable SqlNodeList returning, List<String> hints)
      throws CredqlException {
    final SqlNode targetNode = insert.getTargetTable();
    if (!(targetNode instanceof SqlIdentifier)) {
      throw new InvalidInputException("INSERT INTO needs a resource name, provider.service.resource");
    }
    final ResourceDefinition resource = ObjectNames.resource(session, context, (SqlIdentifier) targetNode);
    final SqlNodeList columnList = insert.getTargetColumnList();
    if (columnList == null || columnList.isEmpty()) {
      throw new InvalidInputException("INSERT INTO " + resource.id()
          + " needs its column list: INSERT INTO " + resource.id() + " (column, ...) VALUES (...)");
    }
    final List<String> columns = new ArrayList<>();
    for (SqlNode column : columnList) {
      columns.add(columnName(column, (SqlIdentifier) targetNode));
    }
    final Set<String> bound = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    bound.addAll(columns);
    final MethodDefinition method = new MethodChooser(resource, SqlVerb.INSERT).choose(bound, "");
    final Options options = new Options(await, returningColumns(method, returning));
    final SqlNode source = insert.getSource();
    if (source.getKind() == SqlKind.VALUES) {
      final List<List<Assignment>> rows = new ArrayList<>();
      final List<ValueSource> sources = new ArrayList<>();
      for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
        final List<SqlNode> values = rowNode.getKind() == SqlKind.ROW
            ? ((SqlCall) rowNode).getOperandList() : List.of(rowNode);
        if (values.size() != columns.size()) {
          throw new InvalidInputException("INSERT INTO " + resource.id() + ": " + columns.size()
              + " columns but a row of " + values.size() + " values");
        }
        final List<Assignment> row = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          final ValueSource value = ValueSource.of(values.get(i), "the value of " + columns.get(i),
              session.environment());
          sources.add(value);
          row.add(new Assignment(columns.get(i), value));
        }
        rows.add(row);
        refuseMisplacedSecrets(method, SqlVerb.INSERT, row, hints);
      }
      return signature(context, sql, method, sources, options,
          dataContext -> calls(method, rows, dataContext));
    }
    final String query = StatementText.of(sql, source);
    return signature(context, sql, method, List.of(), options, dataContext -> {
      final List<List<Assignment>> rows = new ArrayList<>();
      for (Object[] values : select(dataContext, query, columns.size(), resource)) {
        final List<Assignment> row = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
          final Object value = values[i];
          row.add(new Assignment(columns.get(i), new ValueSource() {
            @Override @Nullable Object value(DataContext context) {
              return value;
            }
          }));
        }
        rows.add(row);
      }
      return calls(method, rows, dataContext);
    });
  }

  /**
   * The columns RETURNING asks for, from the fields the method's response declares (through its
   * objectKey); {@code *} is all of them. Null without RETURNING.
   */
  private static @Nullable List<ResultColumn> returningColumns(MethodDefinition method,
      @Nullable SqlNodeList returning) throws InvalidInputException {
    if (returning == null) {
      return null;
    }
    final List<ResultColumn> declared = ExecHandler.resultColumns(method);
    final List<ResultColumn> columns = new ArrayList<>();
    for (SqlNode node : returning) {
      final SqlIdentifier id = (SqlIdentifier) node;
      if (id.isStar()) {
        columns.addAll(declared);
        continue;
      }
      final String name = last(id);
      // the response's own key first, then another spelling of it (system_data for systemData)
      final ResultColumn column = declared.stream()
          .filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
          .or(() -> declared.stream().filter(c -> SqlNames.answersTo(name, c.name())).findFirst())
          .orElse(null);
      if (column == null || !hasFields(method)) {
        final List<String> names = new ArrayList<>();
        declared.forEach(c -> names.add(c.name()));
        throw new InvalidInputException("RETURNING " + name + ": the response of "
            + method.id() + " has no field " + name + (hasFields(method)
            ? " (its fields: " + String.join(", ", names) + ")" : " (it declares no fields)"));
      }
      columns.add(column);
    }
    return columns;
  }

  private static boolean hasFields(MethodDefinition method) {
    final SchemaNode schema = method.rowSchema();
    return schema != null && !schema.properties().isEmpty();
  }

  /** The rows of INSERT ... SELECT's query, run on the same connection. */
  private static List<Object[]> select(DataContext dataContext, String query, int width,
      ResourceDefinition resource) throws CredqlException {
    final CalciteConnection connection = (CalciteConnection) dataContext.getQueryProvider();
    final List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet resultSet = statement.executeQuery(query)) {
      final int count = resultSet.getMetaData().getColumnCount();
      if (count != width) {
        throw new InvalidInputException("INSERT INTO " + resource.id() + ": " + width
            + " columns but the query returns " + count);
      }
      while (resultSet.next()) {
        final Object[] row = new Object[count];
        for (int i = 0; i < count; i++) {
          row[i] = resultSet.getObject(i + 1);
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      final CredqlException credql = CredqlException.find(e);
      throw credql != null ? credql
          : new InvalidInputException("the query of INSERT INTO " + resource.id() + " failed: " + e.getMessage());
    }
    return rows;
  }

  /** Calls to make, bound when the statement runs (with its {@code ?} values). */
  private interface CallList {
    List<BoundCall> build(DataContext dataContext) throws CredqlException;
  }

  private <T> CalcitePrepare.CalciteSignature<T> signature(CalcitePrepare.Context context,
      String sql, MethodDefinition method, List<ValueSource> sources, Options options,
      CallList calls) {
    final List<AvaticaParameter> parameters = ExecHandler.parameters(sources);
    if (runner.isDryRun(method)) {
      return Signatures.query(context, sql, runner.describedColumns(), parameters, dataContext -> {
        try {
          final List<Object[]> rows = new ArrayList<>();
          for (BoundCall call : calls.build(dataContext)) {
            rows.add(runner.describe(call));
          }
          return rows;
        } catch (CredqlException e) {
          throw e.unchecked();
        }
      });
    }
    if (options.returning != null) {
      final List<ResultColumn> columns = options.returning;
      return Signatures.query(context, sql, columns, parameters, dataContext -> {
        try {
          final List<Object[]> rows = new ArrayList<>();
          send(method, calls.build(dataContext), options, rows);
          return rows;
        } catch (CredqlException e) {
          throw e.unchecked();
        }
      });
    }
    return Signatures.update(context, sql, parameters, dataContext -> {
      try {
        return send(method, calls.build(dataContext), options, null);
      } catch (CredqlException e) {
        throw e.unchecked();
      }
    });
  }

  /**
   * Checks every call against the provider's rules, then sends them one by one, each once; with
   * AWAIT waits for each call's operation before the next. Adds the RETURNING rows to
   * {@code returned}; returns how many calls succeeded.
   */
  private long send(MethodDefinition method, List<BoundCall> calls, Options options,
      @Nullable List<Object[]> returned) throws CredqlException {
    for (BoundCall call : calls) {
      runner.checkRules(call);
    }
    long succeeded = 0;
    for (BoundCall call : calls) {
      try {
        final Page page = runner.callChecked(call, false).get(0);
        if (options.await) {
          runner.await(call, page);
        }
        succeeded++;
        if (returned != null && !hasFields(method)) {
          // The document declares no response: say what happened, as EXEC does, not nothing.
          returned.add(new Object[] {options.await ? "The operation completed successfully"
              : "The operation was despatched successfully"});
        } else if (returned != null) {
          for (JsonNode item : page.rows()) {
            returned.add(ExecHandler.row(method, requireNonNull(options.returning, "returning"), item));
          }
        }
      } catch (CredqlException e) {
        if (succeeded == 0) {
          throw e;
        }
        throw new CredqlException(e.getMessage() + " (" + succeeded + " of " + calls.size()
            + " calls of " + method.id() + " had succeeded before this one; the rest were not sent)",
            e.getSQLState(), e.getErrorCode(), e);
      }
    }
    return succeeded;
  }

  /** Refuses env() and file() given for an input not meant for a secret, as EXEC does. */
  private static void refuseMisplacedSecrets(MethodDefinition method, SqlVerb verb, List<Assignment> values,
      List<String> hints) throws InvalidInputException {
    final List<String> problems = new ArrayList<>();
    for (Assignment assignment : values) {
      final ParameterDefinition input = method.input(assignment.column);
      final String problem = input == null ? null : SecretSource.problem("the value of " + assignment.column,
          assignment.value, input, verb.name(), hints);
      if (problem != null && !problems.contains(problem)) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(verb.name() + " on " + method.resource().id() + ": "
          + String.join("; ", problems));
    }
  }

  /** Binds every row to a call and checks it, so that no call is sent if any is invalid. */
  private List<BoundCall> calls(MethodDefinition method, List<List<Assignment>> rows,
      DataContext dataContext) throws CredqlException {
    final List<BoundCall> calls = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    for (List<Assignment> row : rows) {
      final List<CallBinder.Argument> arguments = new ArrayList<>();
      for (Assignment assignment : row) {
        arguments.add(new CallBinder.Argument(assignment.column,
            assignment.value.value(dataContext), assignment.value.isSecret()));
      }
      final List<String> rowProblems = new ArrayList<>();
      calls.add(binder.bind(session.client(method.resource().service().provider().name()), method, arguments, null, rowProblems));
      for (String problem : rowProblems) {
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(method.sqlVerb().name() + " on " + method.resource().id()
          + " (method " + method.name() + "): " + String.join("; ", problems) + "; nothing was sent");
    }
    return calls;
  }

  /** WHERE of DELETE/UPDATE as values per column: only {@code col = value}, {@code col IN (...)}, joined by AND. */
  private static Map<String, List<ValueSource>> whereValues(@Nullable SqlNode condition, SqlIdentifier target,
      SqlVerb verb, Environment environment) throws InvalidInputException {
    final Map<String, List<ValueSource>> values = new LinkedHashMap<>();
    if (condition == null) {
      return values;
    }
    final List<SqlNode> conjuncts = new ArrayList<>();
    flattenAnd(condition, conjuncts);
    for (SqlNode conjunct : conjuncts) {
      final SqlBasicCall call = conjunct instanceof SqlBasicCall ? (SqlBasicCall) conjunct : null;
      if (call != null && call.getKind() == SqlKind.EQUALS) {
        final SqlNode left = call.operand(0);
        final SqlNode right = call.operand(1);
        if (left instanceof SqlIdentifier && !(right instanceof SqlIdentifier)) {
          final String name = columnName(left, target);
          values.put(name, List.of(ValueSource.of(right, "the value of " + name, environment)));
          continue;
        }
        if (right instanceof SqlIdentifier && !(left instanceof SqlIdentifier)) {
          final String name = columnName(right, target);
          values.put(name, List.of(ValueSource.of(left, "the value of " + name, environment)));
          continue;
        }
      }
      if (call != null && call.getKind() == SqlKind.IN && call.operand(0) instanceof SqlIdentifier
          && call.operand(1) instanceof SqlNodeList) {
        final String name = columnName(call.operand(0), target);
        final List<ValueSource> list = new ArrayList<>();
        for (SqlNode value : (SqlNodeList) call.operand(1)) {
          list.add(ValueSource.of(value, "a value of " + name, environment));
        }
        values.put(name, list);
        continue;
      }
      throw new InvalidInputException(verb.name() + " supports only conditions that give the "
          + "resource's parameters: name = value, name IN (...), joined by AND; not '"
          + conjunct.toString().replaceAll("\\s+", " ") + "'");
    }
    return values;
  }

  private static void flattenAnd(SqlNode node, List<SqlNode> conjuncts) {
    if (node.getKind() == SqlKind.AND) {
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        flattenAnd(operand, conjuncts);
      }
    } else {
      conjuncts.add(node);
    }
  }

  private static List<Map<String, ValueSource>> combinations(Map<String, List<ValueSource>> values) {
    List<Map<String, ValueSource>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<ValueSource>> entry : values.entrySet()) {
      final List<Map<String, ValueSource>> next = new ArrayList<>();
      for (Map<String, ValueSource> partial : result) {
        for (ValueSource value : entry.getValue()) {
          final Map<String, ValueSource> extended = new LinkedHashMap<>(partial);
          extended.put(entry.getKey(), value);
          next.add(extended);
        }
      }
      result = next;
    }
    return result;
  }

  /**
   * The column a mutation's {@code identifier} names: past the parts that name {@code target}
   * ({@code tables.datasetId}, {@code google.bigquery.tables.datasetId}), the rest as one name, so
   * that Google's dotted parameters ({@code clientCertificate.sslCertificate}) keep their dots.
   */
  private static String columnName(SqlNode identifier, SqlIdentifier target) {
    final List<String> names = ((SqlIdentifier) identifier).names;
    int start = 0;
    for (int k = Math.min(names.size() - 1, target.names.size()); k > 0 && start == 0; k--) {
      if (sameNames(names.subList(0, k), target.names.subList(target.names.size() - k, target.names.size()))) {
        start = k;
      }
    }
    return String.join(".", names.subList(start, names.size()));
  }

  private static boolean sameNames(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String last(SqlNode identifier) {
    final List<String> names = ((SqlIdentifier) identifier).names;
    return names.get(names.size() - 1);
  }
}
