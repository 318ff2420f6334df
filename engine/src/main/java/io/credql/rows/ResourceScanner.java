package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.ProviderClient;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.PushdownIntent;
import io.credql.document.QueryParamPushdown;
import io.credql.document.TopPushdown;
import io.credql.error.CredqlException;
import io.credql.session.CredqlSession;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry point the generated code of a {@link io.credql.plan.ResourceTableScan} calls. */
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
        final List<Combination> combinations = withPushdown(
            withTop(combinations(plan, values), plan.method(), fetch), plan.method(), plan.pushdown());
        if (combinations.isEmpty()) {
          return Linq4j.emptyEnumerator();
        }
        final CredqlSession session = plan.session();
        final ProviderClient client;
        try {
          client = session.client(plan.method().resource().service().provider().name());
        } catch (CredqlException e) {
          throw e.unchecked();
        }
        return new CallStreamEnumerator(client, session.executor(),
            2 * session.properties().concurrency(),
            new RowMaker(plan.method(), plan.columns()), combinations, fetch,
            QueryCalls.of(root), session.progress(), session.properties().callErrorsAsRows());
      }
    };
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

  /** One call to make and the values its rows echo. */
  static final class Combination {
    final BoundCall call;
    final Map<String, Object> echoes;

    Combination(BoundCall call, Map<String, Object> echoes) {
      this.call = call;
      this.echoes = echoes;
    }
  }

  /** Distinct combinations of the bound values, in order; none if some parameter has no non-null value. */
  static List<Combination> combinations(ScanPlan plan, Object[] values) {
    final List<String> parameters = plan.parameters();
    final List<List<Object>> distinct = new ArrayList<>();
    for (Object array : values) {
      final Set<Object> set = new LinkedHashSet<>();
      for (Object value : (Object[]) array) {
        if (value != null) {
          set.add(value);
        }
      }
      if (set.isEmpty()) {
        return List.of();
      }
      distinct.add(new ArrayList<>(set));
    }
    final MethodDefinition method = plan.method();
    final List<Combination> result = new ArrayList<>();
    final Set<BoundCall> seen = new LinkedHashSet<>();
    final int[] index = new int[distinct.size()];
    while (true) {
      final Map<String, Object> echoes = new LinkedHashMap<>();
      final Map<String, Object> inputs = new LinkedHashMap<>();
      for (int i = 0; i < index.length; i++) {
        final Object value = distinct.get(i).get(index[i]);
        echoes.put(parameters.get(i), value);
        final ParameterDefinition input = method.input(parameters.get(i));
        if (input != null) {
          inputs.put(input.name(), value);
        }
      }
      final BoundCall call = new BoundCall(method, inputs, null);
      if (seen.add(call)) {
        result.add(new Combination(call, echoes));
      }
      int i = index.length - 1;
      while (i >= 0 && ++index[i] == distinct.get(i).size()) {
        index[i] = 0;
        i--;
      }
      if (i < 0) {
        return result;
      }
    }
  }
}
