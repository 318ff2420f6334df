package io.credql.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.MethodDefinition;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A method with values for its inputs: what one API call (and its further pages) is made of. Two
 * equal bound calls are the same call, which a query makes once.
 */
public final class BoundCall {
  private final MethodDefinition method;
  private final Map<String, Object> inputs;
  private final @Nullable ObjectNode body;
  private final Map<String, String> pushedQuery;

  public BoundCall(MethodDefinition method, Map<String, Object> inputs, @Nullable ObjectNode body) {
    this(method, inputs, body, Map.of());
  }

  private BoundCall(MethodDefinition method, Map<String, Object> inputs, @Nullable ObjectNode body,
      Map<String, String> pushedQuery) {
    this.method = requireNonNull(method, "method");
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.body = body;
    this.pushedQuery = Collections.unmodifiableMap(new LinkedHashMap<>(pushedQuery));
  }

  /**
   * This call also asking the API, by the query parameters {@code parameters}, for only what the
   * query reads ({@code queryParamPushdown}); the document need not declare them.
   */
  public BoundCall withPushedQuery(Map<String, String> parameters) {
    return new BoundCall(method, inputs, body, parameters);
  }

  /** Query parameters added by {@code queryParamPushdown}, by name; an input of the same name wins. */
  public Map<String, String> pushedQuery() {
    return pushedQuery;
  }

  public MethodDefinition method() {
    return method;
  }

  /** Values of path, query, header and server-variable inputs, by input name. */
  public Map<String, Object> inputs() {
    return inputs;
  }

  /** The request body (after {@code @@json} and {@code @field} merging), or null. */
  public @Nullable ObjectNode body() {
    return body;
  }

  /** The value of input {@code name} (ignoring case), or null. */
  public @Nullable Object input(String name) {
    final Object exact = inputs.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, Object> entry : inputs.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  @Override public boolean equals(Object o) {
    return this == o || o instanceof BoundCall
        && method == ((BoundCall) o).method
        && inputs.equals(((BoundCall) o).inputs)
        && Objects.equals(body, ((BoundCall) o).body)
        && pushedQuery.equals(((BoundCall) o).pushedQuery);
  }

  @Override public int hashCode() {
    return Objects.hash(method.id(), inputs, body);
  }

  @Override public String toString() {
    return method.id() + inputs.keySet();
  }
}
