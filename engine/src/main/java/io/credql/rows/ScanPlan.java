package io.credql.rows;

import io.credql.document.MethodDefinition;
import io.credql.document.PushdownIntent;
import io.credql.schema.ResourceColumns;
import io.credql.session.CredqlSession;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a planned scan does at run time: on which connection, into which columns, which method, and
 * which parameter columns receive the value arrays the generated code passes in (in this order).
 */
public final class ScanPlan {
  private final CredqlSession session;
  private final ResourceColumns columns;
  private final MethodDefinition method;
  private final List<String> parameters;
  private final Set<String> checked;
  private final PushdownIntent pushdown;
  private final Set<String> rowWise;

  /**
   * @param checked the bound columns, response fields too, whose rows must equal their call's value
   * @param rowWise the bound columns whose i-th values are one outer row's keys, called together
   */
  public ScanPlan(CredqlSession session, ResourceColumns columns, MethodDefinition method,
      List<String> parameters, Set<String> checked, PushdownIntent pushdown, Set<String> rowWise) {
    this.session = requireNonNull(session, "session");
    this.columns = requireNonNull(columns, "columns");
    this.method = requireNonNull(method, "method");
    this.parameters = List.copyOf(parameters);
    this.checked = Set.copyOf(checked);
    this.pushdown = requireNonNull(pushdown, "pushdown");
    this.rowWise = Set.copyOf(rowWise);
  }

  public CredqlSession session() {
    return session;
  }

  /** The scanned table's columns, which each row fills. */
  public ResourceColumns columns() {
    return columns;
  }

  public MethodDefinition method() {
    return method;
  }

  /** Names of the bound parameter columns. */
  public List<String> parameters() {
    return parameters;
  }

  /**
   * Names of the bound columns that are response fields too, whose value in each row must equal
   * the one its call was made with: the rows of a provider that answered more than it was asked
   * are left out here, and the query's condition on them is not checked again above the scan.
   */
  public Set<String> checked() {
    return checked;
  }

  /** What the query asks beyond its parameters, which the method may pass on to the API. */
  public PushdownIntent pushdown() {
    return pushdown;
  }

  /**
   * Names of the bound columns that vary together, a lookup join's keys: the i-th value of each is
   * one outer row's, and one call takes them all, as StackQL looks a resource up per outer row.
   */
  public Set<String> rowWise() {
    return rowWise;
  }

  @Override public String toString() {
    return method.id() + parameters;
  }
}
