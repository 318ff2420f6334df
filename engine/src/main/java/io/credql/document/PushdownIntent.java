package io.credql.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * What a query asks of a listing beyond its parameters, in the document's own field names: the
 * predicates on response fields its WHERE holds (AND-ed comparisons with literals), the fields it
 * reads, and the order it wants. A method whose {@code queryParamPushdown} allows may pass some of
 * it on to the API ({@link QueryParamPushdown}); the engine still filters, projects and sorts
 * whatever comes back, so the rows never depend on whether the API honoured it.
 */
public final class PushdownIntent {
  public static final PushdownIntent NONE = new PushdownIntent(List.of(), List.of(), List.of());

  private final List<Predicate> predicates;
  private final List<String> projection;
  private final List<Order> order;

  public PushdownIntent(List<Predicate> predicates, List<String> projection, List<Order> order) {
    this.predicates = List.copyOf(predicates);
    this.projection = List.copyOf(projection);
    this.order = List.copyOf(order);
  }

  public List<Predicate> predicates() {
    return predicates;
  }

  /** The response fields the query reads (none: all of them, or unknown). */
  public List<String> projection() {
    return projection;
  }

  public List<Order> order() {
    return order;
  }

  public boolean isEmpty() {
    return predicates.isEmpty() && projection.isEmpty() && order.isEmpty();
  }

  public PushdownIntent withPredicates(List<Predicate> newPredicates) {
    return new PushdownIntent(newPredicates, projection, order);
  }

  public PushdownIntent withProjection(List<String> newProjection) {
    return new PushdownIntent(predicates, newProjection, order);
  }

  public PushdownIntent withOrder(List<Order> newOrder) {
    return new PushdownIntent(predicates, projection, newOrder);
  }

  @Override public boolean equals(Object o) {
    return this == o || o instanceof PushdownIntent
        && predicates.equals(((PushdownIntent) o).predicates)
        && projection.equals(((PushdownIntent) o).projection)
        && order.equals(((PushdownIntent) o).order);
  }

  @Override public int hashCode() {
    return Objects.hash(predicates, projection, order);
  }

  @Override public String toString() {
    final List<String> parts = new ArrayList<>();
    if (!predicates.isEmpty()) {
      parts.add("where " + predicates);
    }
    if (!projection.isEmpty()) {
      parts.add("fields " + projection);
    }
    if (!order.isEmpty()) {
      parts.add("order " + order);
    }
    return String.join(", ", parts);
  }

  /** Comparison operators a predicate may carry, with their OData names. */
  public enum Operator {
    EQ("eq"), NE("ne"), GT("gt"), GE("ge"), LT("lt"), LE("le"), STARTSWITH("startswith");

    private final String odata;

    Operator(String odata) {
      this.odata = odata;
    }

    /** OData's name of the operator ({@code eq}, {@code startswith}, ...). */
    public String odata() {
      return odata;
    }

    /** The operator with its operands swapped: {@code 5 < x} is {@code x > 5}. */
    public Operator flipped() {
      switch (this) {
      case GT:
        return LT;
      case GE:
        return LE;
      case LT:
        return GT;
      case LE:
        return GE;
      default:
        return this;
      }
    }
  }

  /** {@code field operator value}; the value is a String, a Long, a Double or a Boolean. */
  public record Predicate(String field, Operator operator, Object value) {
    public Predicate {
      requireNonNull(field, "field");
      requireNonNull(operator, "operator");
      requireNonNull(value, "value");
    }

    @Override public String toString() {
      return field + " " + operator.odata() + " " + (value instanceof String ? "'" + value + "'" : value);
    }
  }

  /** One key of the wanted order. */
  public record Order(String field, boolean descending) {
    public Order {
      requireNonNull(field, "field");
    }

    @Override public String toString() {
      return field + (descending ? " desc" : " asc");
    }
  }
}
