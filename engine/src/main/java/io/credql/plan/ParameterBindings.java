package io.credql.plan;

import org.apache.calcite.rex.RexNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a query binds to a resource's parameter columns: per column, one or more expressions
 * (literals, {@code ?} parameters, constant expressions, correlation variables of a lookup join).
 * Several values mean several calls. A bound column that is a response field too is
 * {@linkplain #checked() checked}: the scan keeps only the rows whose field equals the value the
 * call was made with, since a provider may answer more than it was asked.
 */
public final class ParameterBindings {
  public static final ParameterBindings NONE = new ParameterBindings(Map.of(), Set.of());

  private final Map<String, List<RexNode>> values;
  private final Set<String> checked;

  ParameterBindings(Map<String, List<RexNode>> values, Set<String> checked) {
    final Map<String, List<RexNode>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    this.values = Collections.unmodifiableMap(copy);
    this.checked = Collections.unmodifiableSet(new LinkedHashSet<>(checked));
  }

  /** These bindings and {@code more}'s, which binds none of the same columns. */
  ParameterBindings and(ParameterBindings more) {
    final Map<String, List<RexNode>> both = new LinkedHashMap<>(values);
    more.values.forEach((name, list) -> {
      if (both.put(name, list) != null) {
        throw new IllegalArgumentException(name + " is bound twice");
      }
    });
    final Set<String> bothChecked = new LinkedHashSet<>(checked);
    bothChecked.addAll(more.checked);
    return new ParameterBindings(both, bothChecked);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Names of the bound columns, in the order they were found. */
  public Set<String> names() {
    return values.keySet();
  }

  /** Names of the bound columns whose field each row must equal the value its call was made with. */
  public Set<String> checked() {
    return checked;
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
    return o instanceof ParameterBindings && values.equals(((ParameterBindings) o).values)
        && checked.equals(((ParameterBindings) o).checked);
  }

  @Override public int hashCode() {
    return values.hashCode() * 31 + checked.hashCode();
  }

  @Override public String toString() {
    return checked.isEmpty() ? values.toString() : values + " checked " + checked;
  }
}
