package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.spi.BoundCall;
import io.credql.call.CallBinder;
import io.credql.call.Page;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.SchemaNode;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.ProviderResponseException;
import io.credql.schema.JsonSqlTypes;
import io.credql.session.CredqlSession;
import io.credql.sql.SqlExec;
import io.credql.sql.SqlExecParameter;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Runs StackQL's {@code EXEC p.s.r.m @name = value ... @@json = '...'}. Arguments go to the path,
 * query, headers, server variables or body fields as the operation declares; {@code @@json} is the
 * body. Everything is checked before any request: unknown arguments, missing required inputs,
 * and the body against the request schema, all reported together. The result is the response's
 * rows (its fields as columns), or one status row when the response has no fields.
 */
final class ExecHandler implements StatementHandler {
  private static final Set<String> HINTS = Set.of("SHOWRESULTS", "AWAIT", SecretSource.ALLOW_HINT);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CredqlSession session;
  private final CallRunner runner;
  private final CallBinder binder;

  ExecHandler(CredqlSession session) {
    this(session, new CallRunner(session));
  }

  /** A handler whose calls {@code runner} makes (or, for EXPLAIN, describes). */
  ExecHandler(CredqlSession session, CallRunner runner) {
    this.session = requireNonNull(session, "session");
    this.runner = requireNonNull(runner, "runner");
    this.binder = new CallBinder(session.redactor(), CallBinder.Naming.ARGUMENT);
  }

  /** An {@code @name = value} argument and the input it fills. */
  private static final class Argument {
    final ParameterDefinition input;
    final ValueSource value;

    Argument(ParameterDefinition input, ValueSource value) {
      this.input = input;
      this.value = value;
    }
  }

  @Override public <T> CalcitePrepare.CalciteSignature<T> prepare(CalcitePrepare.Context context,
      String sql, SqlNode node) throws CredqlException {
    final SqlExec exec = (SqlExec) node;
    final MethodDefinition method = ObjectNames.method(session, context, exec.method());
    final List<String> problems = new ArrayList<>();
    for (String hint : exec.hintNames()) {
      if (!HINTS.contains(hint)) {
        problems.add("unknown hint " + hint + " (EXEC accepts /*+ SHOWRESULTS */, /*+ AWAIT */ and /*+ "
            + SecretSource.ALLOW_HINT + " */)");
      }
    }
    final boolean await = exec.hintNames().contains("AWAIT");
    final List<Argument> arguments = new ArrayList<>();
    final List<ValueSource> sources = new ArrayList<>();
    final Set<String> given = new HashSet<>();
    for (SqlExecParameter parameter : exec.namedParameters()) {
      final ParameterDefinition input = method.input(parameter.name());
      if (!given.add((input == null ? parameter.name() : input.name()).toLowerCase(Locale.ROOT))) {
        problems.add("@" + parameter.name() + " is given more than once; give each parameter once");
      }
      final ValueSource value = ValueSource.of(parameter.value(), "@" + parameter.name(),
          session.environment());
      sources.add(value);
      if (input == null) {
        problems.add(method.unknownInput(parameter.name(), "parameter @" + parameter.name(),
            inputNames(method)));
      } else {
        final String misplaced = SecretSource.problem("@" + parameter.name(), value, input, "EXEC",
            exec.hintNames());
        if (misplaced != null) {
          problems.add(misplaced);
        }
        arguments.add(new Argument(input, value));
      }
    }
    ValueSource payload = null;
    final List<SqlExecParameter> payloads = exec.payloads();
    if (payloads.size() > 1) {
      problems.add("only one @@json body may be given");
    } else if (payloads.size() == 1) {
      payload = ValueSource.of(payloads.get(0).value(), "@@" + payloads.get(0).name(),
          session.environment());
      sources.add(payload);
      if (method.requestBody() == null) {
        problems.add(method.name() + " takes no request body, so @@" + payloads.get(0).name()
            + " cannot be used");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("EXEC " + method.id() + ": " + String.join("; ", problems));
    }
    final List<ResultColumn> columns = runner.isDryRun(method) ? runner.describedColumns()
        : resultColumns(method, await);
    final ValueSource body = payload;
    return Signatures.query(context, sql, columns, parameters(sources), dataContext -> {
      try {
        return run(method, columns, arguments, body, await, dataContext);
      } catch (CredqlException e) {
        throw e.unchecked();
      }
    });
  }

  static List<AvaticaParameter> parameters(List<ValueSource> sources) {
    int count = 0;
    for (ValueSource source : sources) {
      count = Math.max(count, source.parameterIndex() + 1);
    }
    final List<AvaticaParameter> parameters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parameters.add(Signatures.anyParameter(i));
    }
    return parameters;
  }

  private List<Object[]> run(MethodDefinition method, List<ResultColumn> columns,
      List<Argument> arguments, @Nullable ValueSource payload, boolean await,
      DataContext dataContext) throws CredqlException {
    final BoundCall call = bind(method, arguments, payload, dataContext);
    if (runner.isDryRun(method)) {
      return List.<Object[]>of(runner.describe(call));
    }
    final List<Page> pages = runner.call(call, !method.isRaw());
    final List<Object[]> rows = new ArrayList<>();
    for (Page page : pages) {
      final List<JsonNode> items = method.isRaw()
          ? (page.response() == null ? List.of() : List.of(page.response())) : page.rows();
      for (JsonNode item : items) {
        if (item.isObject() && item.size() > 0) {
          rows.add(row(method, columns, item));
        }
      }
    }
    if (await && method.isMutation() && !pages.isEmpty()) {
      final JsonNode outcome = runner.await(call, pages.get(0));
      if (method.asyncResponseSchema() != null) {
        // the columns are the finished operation's (async_schema_override), not the first answer's
        rows.clear();
        if (outcome != null && describesColumns(outcome, columns)) {
          rows.add(row(method, columns, outcome));
        }
      } else if (outcome != null && outcome != pages.get(0).response() && describesColumns(outcome, columns)) {
        // The operation's final state replaces the first answer (Google's Operation, for one).
        rows.clear();
        rows.add(row(method, columns, outcome));
      }
    }
    if (rows.isEmpty() && method.isMutation()) {
      rows.add(statusRow(columns, await));
    }
    return rows;
  }

  private static boolean describesColumns(@Nullable JsonNode outcome, List<ResultColumn> columns) {
    if (outcome == null || !outcome.isObject()) {
      return false;
    }
    for (ResultColumn column : columns) {
      if (!column.name().equals("message") && outcome.has(column.name())) {
        return true;
      }
    }
    return false;
  }

  private static Object[] statusRow(List<ResultColumn> columns, boolean await) {
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      if (columns.get(i).name().equals("message")) {
        row[i] = await ? "The operation completed successfully"
            : "The operation was despatched successfully";
      }
    }
    return row;
  }

  /** The values of {@code columns} in one response object. */
  static Object[] row(MethodDefinition method, List<ResultColumn> columns, JsonNode item)
      throws ProviderResponseException {
    final Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      final ResultColumn column = columns.get(i);
      try {
        row[i] = JsonSqlTypes.fromJson(item.get(column.name()), column.type());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new ProviderResponseException(method.id() + ": the response's " + column.name()
            + " does not match the document: " + e.getMessage());
      }
    }
    return row;
  }

  /** The response's fields as columns, or a single {@code message} column when it declares none. */
  static List<ResultColumn> resultColumns(MethodDefinition method) {
    return columnsOf(method.isRaw() ? method.responseSchema() : method.rowSchema());
  }

  /**
   * With {@code /*+ AWAIT *}{@code /}, the fields of the finished operation's response when the
   * method declares them ({@code async_schema_override}, which StackQL's any-sdk prefers for the
   * final response); else {@link #resultColumns(MethodDefinition)}.
   */
  static List<ResultColumn> resultColumns(MethodDefinition method, boolean await) {
    final SchemaNode finished = await ? method.asyncResponseSchema() : null;
    return finished != null ? columnsOf(finished) : resultColumns(method);
  }

  private static List<ResultColumn> columnsOf(@Nullable SchemaNode schema) {
    final List<ResultColumn> columns = new ArrayList<>();
    if (schema != null) {
      for (Map.Entry<String, SchemaNode> field : schema.properties().entrySet()) {
        columns.add(new ResultColumn(field.getKey(), JsonSqlTypes.sqlType(field.getValue().type())));
      }
    }
    if (columns.isEmpty()) {
      columns.add(ResultColumn.varchar("message"));
    }
    return columns;
  }

  /** The call the arguments describe, checked completely before anything is sent. */
  private BoundCall bind(MethodDefinition method, List<Argument> arguments,
      @Nullable ValueSource payload, DataContext dataContext) throws CredqlException {
    final List<String> problems = new ArrayList<>();
    final ObjectNode body = payload == null ? null
        : payloadObject(payload.value(dataContext), problems);
    final List<CallBinder.Argument> values = new ArrayList<>();
    for (Argument argument : arguments) {
      values.add(new CallBinder.Argument(argument.input.name(), argument.value.value(dataContext),
          argument.value.isSecret()));
    }
    final BoundCall call = binder.bind(session.client(method.resource().service().provider().name()), method, values, body, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("EXEC " + method.id() + ": " + String.join("; ", problems)
          + "; nothing was sent. DESCRIBE METHOD " + method.id() + " lists its parameters.");
    }
    return call;
  }

  private static @Nullable ObjectNode payloadObject(@Nullable Object value, List<String> problems) {
    if (value == null) {
      return null;
    }
    final JsonNode tree;
    try {
      tree = value instanceof JsonNode ? (JsonNode) value : JSON.readTree(value.toString());
    } catch (IOException e) {
      problems.add("@@json is not valid JSON (" + JsonSyntax.describe(e) + ")");
      return null;
    }
    if (tree == null || !tree.isObject()) {
      problems.add("@@json must be a JSON object");
      return null;
    }
    return (ObjectNode) tree;
  }

  private static String inputNames(MethodDefinition method) {
    final List<String> names = new ArrayList<>();
    for (ParameterDefinition input : method.inputs()) {
      names.add("@" + input.name());
    }
    return names.isEmpty() ? "no parameters" : String.join(", ", names);
  }
}
