package io.credql.document;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A resource ({@code provider.service.resource}): its methods and how SQL verbs map to them. */
public final class ResourceDefinition {
  private final ServiceDocument service;
  private final String name;
  private final @Nullable String title;
  private final @Nullable String description;
  private final Map<String, MethodDefinition> methods = new LinkedHashMap<>();
  private final List<ViewColumn> viewColumns = new ArrayList<>();
  private boolean view;
  private final List<ViewVariant> viewVariants = new ArrayList<>();
  private final Map<SqlVerb, List<MethodDefinition>> verbs = new EnumMap<>(SqlVerb.class);

  ResourceDefinition(ServiceDocument service, String name, @Nullable String title,
      @Nullable String description) {
    this.service = requireNonNull(service, "service");
    this.name = requireNonNull(name, "name");
    this.title = title;
    this.description = description;
  }

  /** A column a StackQL view documents ({@code config.docs.fields} and {@code requiredParams}). */
  public record ViewColumn(String name, String type, @Nullable String description, boolean parameter) {
  }

  /**
   * One SELECT of a StackQL view for SQLite, and the parameters the query must give for StackQL to
   * choose it ({@code requiredParams == [ data__Identifier ]} in its predicate; none for a fallback
   * that lists).
   */
  public record ViewVariant(String sql, List<String> requiredParams) {
    public ViewVariant {
      requireNonNull(sql, "sql");
      requiredParams = List.copyOf(requiredParams);
    }
  }

  void markView(List<ViewColumn> columns, List<ViewVariant> variants) {
    view = true;
    viewColumns.addAll(columns);
    viewVariants.addAll(variants);
  }

  /**
   * The SELECTs of a StackQL view for SQLite, in the document's order (the entry, then its
   * fallbacks): StackQL runs the first whose required parameters the query gives. Empty when the
   * document gives none for SQLite.
   */
  public List<ViewVariant> viewVariants() {
    return Collections.unmodifiableList(viewVariants);
  }

  /**
   * The SELECT of a StackQL view in SQLite's dialect ({@code config.views.select.ddl} whose
   * predicate is {@code sqlDialect == "sqlite3"}, or has none), with its {@code {{ name }}}
   * placeholders; null when the document gives none.
   */
  public @Nullable String viewSql() {
    return viewVariants.isEmpty() ? null : viewVariants.get(0).sql();
  }

  /**
   * Whether this is a StackQL view: a SELECT over other resources written in SQLite's or
   * Postgres's dialect ({@code config.views}), documented by its fields but not callable.
   */
  public boolean isView() {
    return view;
  }

  /** The columns a view documents: its fields, then its required parameters. */
  public List<ViewColumn> viewColumns() {
    return viewColumns;
  }

  void addMethod(MethodDefinition method) {
    methods.put(method.name(), method);
  }

  void mapVerb(SqlVerb verb, MethodDefinition method) {
    verbs.computeIfAbsent(verb, v -> new ArrayList<>()).add(method);
  }

  public ServiceDocument service() {
    return service;
  }

  public String name() {
    return name;
  }

  /** {@code provider.service.resource}. */
  public String id() {
    return service.provider().name() + "." + service.name() + "." + name;
  }

  public @Nullable String title() {
    return title;
  }

  public @Nullable String description() {
    return description;
  }

  /** All methods, including the {@code _m} raw twins of SELECT methods, in document order. */
  public Collection<MethodDefinition> methods() {
    return methods.values();
  }

  /** The method called {@code name} (exact case first, then ignoring case), or null. */
  public @Nullable MethodDefinition method(String name) {
    final MethodDefinition exact = methods.get(name);
    if (exact != null) {
      return exact;
    }
    for (MethodDefinition method : methods.values()) {
      if (method.name().equalsIgnoreCase(name)) {
        return method;
      }
    }
    return null;
  }

  /** Methods mapped to {@code verb}, in the order StackQL tries them (most selective first). */
  public List<MethodDefinition> methodsFor(SqlVerb verb) {
    return verbs.getOrDefault(verb, List.of());
  }

  public boolean isSelectable() {
    return !methodsFor(SqlVerb.SELECT).isEmpty();
  }

  @Override public String toString() {
    return id();
  }
}
