package io.credql.plan;

import io.credql.document.MethodDefinition;
import io.credql.document.PushdownIntent;
import io.credql.schema.ResourceTable;

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
  private final PushdownIntent pushdown;

  ScanPlan(ResourceTable table, MethodDefinition method, List<String> parameters, PushdownIntent pushdown) {
    this.table = requireNonNull(table, "table");
    this.method = requireNonNull(method, "method");
    this.parameters = List.copyOf(parameters);
    this.pushdown = requireNonNull(pushdown, "pushdown");
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

  /** What the query asks beyond its parameters, which the method may pass on to the API. */
  public PushdownIntent pushdown() {
    return pushdown;
  }

  @Override public String toString() {
    return method.id() + parameters;
  }
}
