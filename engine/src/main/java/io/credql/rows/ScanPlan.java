package io.credql.rows;

import io.credql.document.MethodDefinition;
import io.credql.plan.ResourceTable;
import io.credql.plan.ResourceTable;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a planned scan does at run time: which table, which method, and which parameter columns
 * receive the value arrays the generated code passes in (in this order).
 */
public final class ScanPlan {
  private final ResourceTable table;
  private final MethodDefinition method;
  private final List<String> parameters;

  public ScanPlan(ResourceTable table, MethodDefinition method, List<String> parameters) {
    this.table = requireNonNull(table, "table");
    this.method = requireNonNull(method, "method");
    this.parameters = List.copyOf(parameters);
  }

  public ResourceTable table() {
    return table;
  }

  public MethodDefinition method() {
    return method;
  }

  /** Names of the bound parameter columns. */
  public List<String> parameters() {
    return parameters;
  }

  @Override public String toString() {
    return method.id() + parameters;
  }
}
