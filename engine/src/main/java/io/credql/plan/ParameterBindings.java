package io.credql.plan;

import org.apache.calcite.rex.RexNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a query binds to a resource's parameter columns: per column, one or more expressions
 * (literals, {@code ?} parameters, constant expressions, correlation variables of a lookup join).
 * Several values mean several calls.
 */
public final class ParameterBindings {
  public static final ParameterBindings NONE = new ParameterBindings(Map.of(), false);

  private final Map<String, List<RexNode>> values;
  private final boolean wholeCondition;

  ParameterBindings(Map<String, List<RexNode>> values, boolean wholeCondition) {
    final Map<String, List<RexNode>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    this.values = Collections.unmodifiableMap(copy);
    this.wholeCondition = wholeCondition;
  }

  /**
   * Whether the filter these values came from says nothing else: every row of the bound scan
   * satisfies it (each row echoes the values it was called with), so the filter can go.
   */
  boolean isWholeCondition() {
    return wholeCondition;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Names of the bound columns, in the order they were found. */
  public Set<String> names() {
    return values.keySet();
  }

  /** The values bound to the column {@code name}; none for a column that is not bound. */
  public List<RexNode> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Total number of value expressions, an upper bound of the calls a scan makes per execution. */
  public int valueCount() {
    int product = 1;
    for (List<RexNode> list : values.values()) {
      product *= Math.max(1, list.size());
    }
    return product;
  }

  @Override public boolean equals(Object o) {
    return o instanceof ParameterBindings && values.equals(((ParameterBindings) o).values);
  }

  @Override public int hashCode() {
    return values.hashCode();
  }

  @Override public String toString() {
    return values.toString();
  }
}
