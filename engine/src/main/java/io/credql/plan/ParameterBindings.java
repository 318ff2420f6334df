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
 * call was made with, since a provider may answer more than it was asked. The {@linkplain #rowWise()
 * row-wise} columns, a lookup join's keys, vary together: their i-th values are one outer row's.
 */
public final class ParameterBindings {
  public static final ParameterBindings NONE = new ParameterBindings(Map.of(), Set.of());

  private final Map<String, List<RexNode>> values;
  private final Set<String> checked;
  private final Set<String> rowWise;

  ParameterBindings(Map<String, List<RexNode>> values, Set<String> checked) {
    this(values, checked, Set.of());
  }

  private ParameterBindings(Map<String, List<RexNode>> values, Set<String> checked, Set<String> rowWise) {
    final Map<String, List<RexNode>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    this.values = Collections.unmodifiableMap(copy);
    this.checked = Collections.unmodifiableSet(new LinkedHashSet<>(checked));
    this.rowWise = Collections.unmodifiableSet(new LinkedHashSet<>(rowWise));
  }

  /**
   * Bindings of a lookup join's keys: {@code values} holds, per column, one value per outer row,
   * the i-th of each column together one row's, so one call takes them all.
   */
  static ParameterBindings rowWise(Map<String, List<RexNode>> values, Set<String> checked) {
    return new ParameterBindings(values, checked, values.keySet());
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
    if (!rowWise.isEmpty() && !more.rowWise.isEmpty()) {
      throw new IllegalArgumentException("a scan takes the keys of one lookup join");
    }
    final Set<String> bothRowWise = new LinkedHashSet<>(rowWise);
    bothRowWise.addAll(more.rowWise);
    return new ParameterBindings(both, bothChecked, bothRowWise);
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

  /** Names of the bound columns whose values vary together, one outer row's each (a lookup join's keys). */
  public Set<String> rowWise() {
    return rowWise;
  }

  /** The values bound to the column {@code name}; none for a column that is not bound. */
  public List<RexNode> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Total number of value expressions, an upper bound of the calls a scan makes per execution. */
  public int valueCount() {
    int product = 1;
    int rows = 1;
    for (Map.Entry<String, List<RexNode>> entry : values.entrySet()) {
      if (rowWise.contains(entry.getKey())) {
        rows = Math.max(rows, entry.getValue().size());
      } else {
        product *= Math.max(1, entry.getValue().size());
      }
    }
    return product * rows;
  }

  @Override public boolean equals(Object o) {
    return o instanceof ParameterBindings && values.equals(((ParameterBindings) o).values)
        && checked.equals(((ParameterBindings) o).checked) && rowWise.equals(((ParameterBindings) o).rowWise);
  }

  @Override public int hashCode() {
    return (values.hashCode() * 31 + checked.hashCode()) * 31 + rowWise.hashCode();
  }

  @Override public String toString() {
    return (checked.isEmpty() ? values.toString() : values + " checked " + checked)
        + (rowWise.size() < 2 ? "" : " by row " + rowWise);
  }
}
