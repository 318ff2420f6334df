package io.credql.statement;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.call.BoundCall;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.document.SqlVerb;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.RequiredParameterMissingException;
import io.credql.error.UnsupportedVerbException;
import io.credql.redact.Redactor;
import io.credql.session.CredqlSession;
import io.credql.session.Environment;
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
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Runs INSERT, DELETE and UPDATE on resources through the methods {@code sqlVerbs} maps them to:
 * one call per inserted row, per combination of WHERE values. Every call is built and checked
 * before the first is sent; the update count is the number of calls that succeeded.
 */
final class DmlHandler implements StatementHandler {
  private final CredqlSession session;
  private final CallRunner runner;

  DmlHandler(CredqlSession session) {
    this.session = requireNonNull(session, "session");
    this.runner = new CallRunner(session);
  }

  static boolean accepts(SqlNode node, CredqlSession session) {
    return node instanceof SqlInsert || node instanceof SqlDelete || node instanceof SqlUpdate;
  }

  /** One row of arguments: a column (input) name and where its value comes from. */
  private static final class Assignment {
    final String column;
    final ValueSource value;

    Assignment(String column, ValueSource value) {
      this.column = column;
      this.value = value;
    }
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    if (node instanceof SqlInsert) {
      return prepareInsert(context, sql, (SqlInsert) node);
    }
    final SqlVerb verb = node instanceof SqlDelete ? SqlVerb.DELETE : SqlVerb.UPDATE;
    final SqlIdentifier target = (SqlIdentifier) (node instanceof SqlDelete
        ? ((SqlDelete) node).getTargetTable() : ((SqlUpdate) node).getTargetTable());
    final SqlNode condition = node instanceof SqlDelete ? ((SqlDelete) node).getCondition()
        : ((SqlUpdate) node).getCondition();
    final ResourceDefinition resource = ObjectNames.resource(session, target);
    final Map<String, List<ValueSource>> where = whereValues(condition, verb, session.environment());
    final List<Assignment> set = new ArrayList<>();
    if (node instanceof SqlUpdate) {
      final SqlUpdate update = (SqlUpdate) node;
      for (int i = 0; i < update.getTargetColumnList().size(); i++) {
        final String column = last(update.getTargetColumnList().get(i));
        set.add(new Assignment(column,
            ValueSource.of(update.getSourceExpressionList().get(i), "the value of " + column,
            session.environment())));
      }
    }
    final java.util.Set<String> bound = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    bound.addAll(where.keySet());
    set.forEach(a -> bound.add(a.column));
    final MethodDefinition method = chooseMethod(resource, verb, bound);
    final List<ValueSource> sources = new ArrayList<>();
    where.values().forEach(sources::addAll);
    set.forEach(a -> sources.add(a.value));
    return signature(context, sql, method, sources, dataContext -> {
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
      String sql, SqlInsert insert) throws CredqlException {
    final SqlNode targetNode = insert.getTargetTable();
    if (!(targetNode instanceof SqlIdentifier)) {
      throw new InvalidInputException("INSERT INTO needs a resource name, provider.service.resource");
    }
    final ResourceDefinition resource = ObjectNames.resource(session, (SqlIdentifier) targetNode);
    final SqlNodeList columnList = insert.getTargetColumnList();
    if (columnList == null || columnList.isEmpty()) {
      throw new InvalidInputException("INSERT INTO " + resource.id()
          + " needs its column list: INSERT INTO " + resource.id() + " (column, ...) VALUES (...)");
    }
    final List<String> columns = new ArrayList<>();
    for (SqlNode column : columnList) {
      columns.add(last(column));
    }
    final java.util.Set<String> bound = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    bound.addAll(columns);
    final MethodDefinition method = chooseMethod(resource, SqlVerb.INSERT, bound);
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
      }
      return signature(context, sql, method, sources, dataContext -> calls(method, rows, dataContext));
    }
    final String query = text(sql, source.getParserPosition());
    return signature(context, sql, method, List.of(), dataContext -> {
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

  /** Calls to make, as result: dry-run rows, or the count of successful calls. */
  private interface CallList {
    List<BoundCall> build(DataContext dataContext) throws CredqlException;
  }

  private <T> CalcitePrepare.CalciteSignature<T> signature(CalcitePrepare.Context context,
      String sql, MethodDefinition method, List<ValueSource> sources, CallList calls) {
    final List<AvaticaParameter> parameters = ExecHandler.parameters(sources);
    if (runner.isDryRun(method)) {
      return Signatures.query(context, sql, CallRunner.DRY_RUN_COLUMNS, parameters, dataContext -> {
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
    return Signatures.update(context, sql, parameters, dataContext -> {
      try {
        return send(method, calls.build(dataContext));
      } catch (CredqlException e) {
        throw e.unchecked();
      }
    });
  }

  /** Checks every call against the provider's rules, then sends them one by one. */
  private long send(MethodDefinition method, List<BoundCall> calls) throws CredqlException {
    for (BoundCall call : calls) {
      runner.checkRules(call);
    }
    long succeeded = 0;
    for (BoundCall call : calls) {
      try {
        runner.callChecked(call, false);
        succeeded++;
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

  /** Binds every row to a call and checks it, so that no call is sent if any is invalid. */
  private List<BoundCall> calls(MethodDefinition method, List<List<Assignment>> rows,
      DataContext dataContext) throws CredqlException {
    final List<BoundCall> calls = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    for (List<Assignment> row : rows) {
      final Map<String, Object> inputs = new LinkedHashMap<>();
      ObjectNode body = method.requestBody() == null ? null : JsonNodeFactory.instance.objectNode();
      for (Assignment assignment : row) {
        final ParameterDefinition input = method.input(assignment.column);
        final Object value = assignment.value.value(dataContext);
        if (input == null) {
          problems.add("unknown column " + assignment.column + " (" + method.name() + " takes: "
              + names(method) + ")");
          continue;
        }
        if ((assignment.value.isSecret() || Redactor.isSensitiveName(input.name())) && value != null) {
          session.redactor().register(value.toString());
        }
        if (input.location() == ParameterDefinition.Location.BODY) {
          if (body == null) {
            body = JsonNodeFactory.instance.objectNode();
          }
          body.set(method.bodyFieldName(input.name()), RequestValues.toJson(value, input, problems));
        } else if (value != null) {
          inputs.put(input.name(), value);
        }
      }
      if (body != null && method.requestBody() != null) {
        session.redactor().registerSensitiveValues(body);
        BodyValidator.validate(method.requestBody(), body, "", problems);
      }
      for (String required : method.requiredInputNames()) {
        final ParameterDefinition input = method.input(required);
        final boolean present = input != null && input.location() == ParameterDefinition.Location.BODY
            ? body != null && body.hasNonNull(method.bodyFieldName(input.name()))
            : input != null && inputs.containsKey(input.name());
        if (!present && !problems.contains("missing " + required)) {
          problems.add("missing " + required);
        }
      }
      final BoundCall call = new BoundCall(method, inputs, body);
      if (problems.isEmpty()) {
        session.client(method.resource().service().provider().name()).prepare(call);
      }
      calls.add(call);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(method.sqlVerb().name() + " on " + method.resource().id()
          + " (method " + method.name() + "): " + String.join("; ", problems) + "; nothing was sent");
    }
    return calls;
  }

  private static MethodDefinition chooseMethod(ResourceDefinition resource, SqlVerb verb,
      java.util.Set<String> bound) throws CredqlException {
    final List<MethodDefinition> methods = resource.methodsFor(verb);
    if (methods.isEmpty()) {
      throw new UnsupportedVerbException(verb.name() + " not supported for " + resource.id()
          + ", use SHOW METHODS IN " + resource.id() + " to view available operations for the resource");
    }
    final List<String> needs = new ArrayList<>();
    for (MethodDefinition method : methods) {
      final List<String> missing = new ArrayList<>();
      for (String required : method.requiredInputNames()) {
        final ParameterDefinition input = method.input(required);
        if (!bound.contains(required) && (input == null || bound.stream().noneMatch(input::isCalled))) {
          missing.add(required);
        }
      }
      if (missing.isEmpty()) {
        return method;
      }
      needs.add("method " + method.name() + " needs " + String.join(", ", missing));
    }
    throw new RequiredParameterMissingException("cannot " + verb.name() + " on " + resource.id()
        + ": missing required parameters: " + String.join("; ", needs)
        + ". Run SHOW METHODS IN " + resource.id() + " to see what each method requires.");
  }

  /** WHERE of DELETE/UPDATE as values per column: only {@code col = value}, {@code col IN (...)}, joined by AND. */
  private static Map<String, List<ValueSource>> whereValues(@Nullable SqlNode condition, SqlVerb verb,
      Environment environment) throws InvalidInputException {
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
          values.put(last(left), List.of(ValueSource.of(right, "the value of " + last(left), environment)));
          continue;
        }
        if (right instanceof SqlIdentifier && !(left instanceof SqlIdentifier)) {
          values.put(last(right), List.of(ValueSource.of(left, "the value of " + last(right), environment)));
          continue;
        }
      }
      if (call != null && call.getKind() == SqlKind.IN && call.operand(0) instanceof SqlIdentifier
          && call.operand(1) instanceof SqlNodeList) {
        final List<ValueSource> list = new ArrayList<>();
        for (SqlNode value : (SqlNodeList) call.operand(1)) {
          list.add(ValueSource.of(value, "a value of " + last(call.operand(0)), environment));
        }
        values.put(last(call.operand(0)), list);
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

  private static String last(SqlNode identifier) {
    final List<String> names = ((SqlIdentifier) identifier).names;
    return names.get(names.size() - 1);
  }

  private static String names(MethodDefinition method) {
    final List<String> names = new ArrayList<>();
    method.inputs().forEach(i -> names.add(i.name()));
    return String.join(", ", names);
  }

  /** The text of a node in the statement, from its parser position. */
  private static String text(String sql, SqlParserPos pos) {
    final int start = SqlParserUtil.lineColToIndex(sql, pos.getLineNum(), pos.getColumnNum());
    final int end = SqlParserUtil.lineColToIndex(sql, pos.getEndLineNum(), pos.getEndColumnNum());
    return sql.substring(start, Math.min(sql.length(), end + 1)).trim().toLowerCase(Locale.ROOT).isEmpty()
        ? sql : sql.substring(start, Math.min(sql.length(), end + 1));
  }
}
