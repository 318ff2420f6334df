package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.CallBinder;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.PushdownIntent;
import io.credql.document.QueryParamPushdown;
import io.credql.document.TopPushdown;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Entry point the generated code of a {@link io.credql.plan.ResourceTableScan} calls. A scan's
 * calls are bound by the same {@link CallBinder} as EXEC's and DML's, and every request of the scan
 * is built before the first is sent, so that a value no request may carry fails the query with
 * nothing sent.
 */
public final class ResourceScanner {
  private ResourceScanner() {
  }

  /**
   * The rows of a scan. {@code values[i]} is the {@code Object[]} of values bound to parameter
   * {@code plan.parameters().get(i)}; each distinct combination is one call. Nothing is sent until
   * the first row is read; no more than {@code fetch} rows are read (-1: all).
   */
  public static Enumerable<Object[]> scan(DataContext root, ScanPlan plan, Object[] values,
      long fetch) {
    return new AbstractEnumerable<Object[]>() {
      @Override public Enumerator<Object[]> enumerator() {
        final CredqlSession session = plan.session();
        final ProviderClient client;
        final List<Combination> combinations;
        try {
          client = session.client(plan.method().resource().service().provider().name());
          combinations = prepared(client, withPushdown(withTop(
              combinations(plan, values, new CallBinder(session.redactor(), CallBinder.Naming.COLUMN)),
              // a provider asked for the first rows may answer rows the scan then leaves out
              plan.method(), plan.checked().isEmpty() ? fetch : -1), plan.method(), plan.pushdown()));
        } catch (CredqlException e) {
          throw e.unchecked();
        }
        if (combinations.isEmpty()) {
          return Linq4j.emptyEnumerator();
        }
        return OverlappingBatchJoin.opened(new CallStreamEnumerator(client, session.executor(),
            2 * session.properties().concurrency(),
            new RowMaker(plan.method(), plan.columns(), plan.checked()), combinations, fetch,
            QueryCalls.of(root), session.progress(), session.properties().callErrorsAsRows()));
      }
    };
  }

  /** The rows of a scan of one column, each the column's value alone, as Calcite reads a one-column row. */
  public static Enumerable<@Nullable Object> scanOneColumn(DataContext root, ScanPlan plan, Object[] values,
      long fetch) {
    return scan(root, plan, values, fetch).select(row -> row[0]);
  }

  /**
   * The calls asking the API for no more rows than the query reads, where the document declares
   * {@code queryParamPushdown.top} and the query did not set that parameter itself.
   */
  static List<Combination> withTop(List<Combination> combinations, MethodDefinition method, long fetch) {
    final TopPushdown top = fetch < 0 ? null : TopPushdown.of(method);
    if (top == null) {
      return combinations;
    }
    final List<Combination> result = new ArrayList<>();
    for (Combination combination : combinations) {
      final BoundCall call = combination.call;
      if (call.input(top.parameter().name()) != null) {
        result.add(combination);
        continue;
      }
      final Map<String, Object> inputs = new LinkedHashMap<>(call.inputs());
      inputs.put(top.parameter().name(), Math.max(1, top.count(fetch)));
      result.add(new Combination(new BoundCall(method, inputs, call.body()), combination.echoes));
    }
    return result;
  }

  /**
   * The calls with their requests, all built before any is sent: a value that one request cannot
   * carry (a path segment of {@code ..}, a host label with a dot) fails the whole scan, not its
   * third call after two were made.
   */
  static List<Combination> prepared(ProviderClient client, List<Combination> combinations)
      throws CredqlException {
    final List<Combination> result = new ArrayList<>(combinations.size());
    for (Combination combination : combinations) {
      result.add(combination.withRequest(client.prepare(combination.call)));
    }
    return result;
  }

  /**
   * The calls asking the API also for only the fields, rows and order the query wants, where the
   * document declares {@code queryParamPushdown} for them (the engine still applies all of it).
   */
  static List<Combination> withPushdown(List<Combination> combinations, MethodDefinition method,
      PushdownIntent intent) {
    final QueryParamPushdown pushdown = intent.isEmpty() ? null : QueryParamPushdown.of(method);
    final Map<String, String> parameters = pushdown == null ? Map.of() : pushdown.parameters(intent);
    if (parameters.isEmpty()) {
      return combinations;
    }
    final List<Combination> result = new ArrayList<>();
    for (Combination combination : combinations) {
      result.add(new Combination(combination.call.withPushedQuery(parameters), combination.echoes));
    }
    return result;
  }

  /** One call to make, its request once built, and the values its rows echo. */
  static final class Combination {
    final BoundCall call;
    final Map<String, Object> echoes;
    private final @Nullable PreparedRequest request;

    Combination(BoundCall call, Map<String, Object> echoes) {
      this(call, echoes, null);
    }

    private Combination(BoundCall call, Map<String, Object> echoes, @Nullable PreparedRequest request) {
      this.call = call;
      this.echoes = echoes;
      this.request = request;
    }

    Combination withRequest(PreparedRequest newRequest) {
      return new Combination(call, echoes, newRequest);
    }

    /** The call's request; {@link #prepared} built it. */
    PreparedRequest request() {
      return requireNonNull(request, "request");
    }
  }

  /**
   * Distinct combinations of the bound values, in order, each bound by {@code binder}; none if some
   * parameter has no non-null value. The {@linkplain ScanPlan#rowWise() row-wise} parameters (a
   * lookup join's keys) vary together, their i-th values one outer row's; each other parameter varies
   * on its own. A bound column the chosen method does not take (a parameter of another SELECT
   * method) is only echoed and filtered on.
   */
  static List<Combination> combinations(ScanPlan plan, Object[] values, CallBinder binder)
      throws InvalidInputException {
    final List<String> parameters = plan.parameters();
    final List<int[]> groups = new ArrayList<>();
    final List<List<List<Object>>> distinct = new ArrayList<>();
    final List<Integer> rowWise = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (plan.rowWise().contains(parameters.get(i))) {
        rowWise.add(i);
      } else {
        groups.add(new int[] {i});
      }
    }
    if (!rowWise.isEmpty()) {
      groups.add(rowWise.stream().mapToInt(Integer::intValue).toArray());
    }
    for (int[] group : groups) {
      final Set<List<Object>> set = new LinkedHashSet<>();
      final int rows = ((Object[]) values[group[0]]).length;
      rows:
      for (int row = 0; row < rows; row++) {
        final List<Object> tuple = new ArrayList<>(group.length);
        for (int parameter : group) {
          final Object value = ((Object[]) values[parameter])[row];
          if (value == null) {
            continue rows;
          }
          tuple.add(value);
        }
        set.add(tuple);
      }
      if (set.isEmpty()) {
        return List.of();
      }
      distinct.add(new ArrayList<>(set));
    }
    final MethodDefinition method = plan.method();
    final List<Combination> result = new ArrayList<>();
    final Set<BoundCall> seen = new LinkedHashSet<>();
    final Set<String> problems = new LinkedHashSet<>();
    final int[] index = new int[distinct.size()];
    while (true) {
      final Map<String, Object> echoes = new LinkedHashMap<>();
      final List<CallBinder.Argument> arguments = new ArrayList<>();
      for (int i = 0; i < index.length; i++) {
        final List<Object> tuple = distinct.get(i).get(index[i]);
        for (int j = 0; j < groups.get(i).length; j++) {
          final String parameter = parameters.get(groups.get(i)[j]);
          echoes.put(parameter, tuple.get(j));
          if (method.input(parameter) != null) {
            arguments.add(new CallBinder.Argument(parameter, tuple.get(j), false));
          }
        }
      }
      final List<String> callProblems = new ArrayList<>();
      final BoundCall call = binder.check(method, arguments, null, callProblems);
      problems.addAll(callProblems);
      if (callProblems.isEmpty() && seen.add(call)) {
        result.add(new Combination(call, echoes));
      }
      int i = index.length - 1;
      while (i >= 0 && ++index[i] == distinct.get(i).size()) {
        index[i] = 0;
        i--;
      }
      if (i < 0) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("SELECT from " + method.resource().id() + " (method "
          + method.name() + "): " + String.join("; ", problems) + "; nothing was sent."
          + " DESCRIBE METHOD " + method.id() + " lists its parameters.");
    }
    return result;
  }
}
