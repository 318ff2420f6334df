package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code queryParamPushdown.select}, {@code filter} and {@code orderBy} of a method's (inherited)
 * config: the query parameters that ask the API for fewer fields, fewer rows or another order, as
 * StackQL's any-sdk writes them ({@code query_param_pushdown_apply.go}). The dialect {@code odata}
 * names them {@code $select}, {@code $filter} and {@code $orderby}; {@code paramName} names them
 * otherwise. A filter or an order is written only in OData syntax (any-sdk renders no other);
 * a predicate whose field or operator the document does not list ({@code supportedColumns},
 * {@code supportedOperators}; none listed means all) stays with the engine, several predicates
 * go together only if {@code and} is supported, and a projection or an order goes whole or not at
 * all. Everything here is an optimisation: the engine still filters, projects and sorts.
 * ({@code top} is {@link TopPushdown}; {@code skip} and {@code count} are not pushed.)
 */
public final class QueryParamPushdown {
  private static final String ODATA = "odata";

  private final JsonNode config;

  private QueryParamPushdown(JsonNode config) {
    this.config = requireNonNull(config, "config");
  }

  /** The pushdown of {@code method}, or null when its config has no {@code queryParamPushdown}. */
  public static @Nullable QueryParamPushdown of(MethodDefinition method) {
    final JsonNode config = method.config().path("queryParamPushdown");
    return config.isObject() ? new QueryParamPushdown(config) : null;
  }

  /** Whether {@code method} may push a filter, a projection or an order at all. */
  public static boolean declares(MethodDefinition method) {
    final JsonNode config = method.config().path("queryParamPushdown");
    return config.path("filter").isObject() || config.path("select").isObject()
        || config.path("orderBy").isObject();
  }

  /** The query parameters that pass on what {@code intent} asks, by name. */
  public Map<String, String> parameters(PushdownIntent intent) {
    final Map<String, String> parameters = new LinkedHashMap<>();
    select(intent.projection(), parameters);
    filter(intent.predicates(), parameters);
    orderBy(intent.order(), parameters);
    return parameters;
  }

  private void select(List<String> projection, Map<String, String> parameters) {
    final JsonNode select = config.path("select");
    final String name = parameterName(select, "$select");
    if (projection.isEmpty() || name == null || !projection.stream().allMatch(f -> supports(select, "supportedColumns", f))) {
      return;
    }
    parameters.put(name, String.join(select.path("delimiter").asText(","), projection));
  }

  private void filter(List<PushdownIntent.Predicate> predicates, Map<String, String> parameters) {
    final JsonNode filter = config.path("filter");
    final String name = parameterName(filter, "$filter");
    if (predicates.isEmpty() || name == null || !ODATA.equalsIgnoreCase(syntax(filter))) {
      return;
    }
    final List<String> terms = new ArrayList<>();
    for (PushdownIntent.Predicate predicate : predicates) {
      if (supports(filter, "supportedColumns", predicate.field())
          && supports(filter, "supportedOperators", predicate.operator().odata())) {
        terms.add(term(predicate));
      }
    }
    if (terms.size() > 1 && !supports(filter, "supportedOperators", "and")) {
      terms.subList(1, terms.size()).clear();
    }
    if (!terms.isEmpty()) {
      parameters.put(name, String.join(" and ", terms));
    }
  }

  private void orderBy(List<PushdownIntent.Order> order, Map<String, String> parameters) {
    final JsonNode orderBy = config.path("orderBy");
    final String name = parameterName(orderBy, "$orderby");
    if (order.isEmpty() || name == null || !ODATA.equalsIgnoreCase(syntax(orderBy))
        || !order.stream().allMatch(o -> supports(orderBy, "supportedColumns", o.field()))) {
      return;
    }
    final List<String> keys = new ArrayList<>();
    order.forEach(o -> keys.add(o.toString()));
    parameters.put(name, String.join(",", keys));
  }

  /** {@code paramName}, else the OData name for the dialect {@code odata}; null when there is neither. */
  private static @Nullable String parameterName(JsonNode block, String odataName) {
    if (!block.isObject()) {
      return null;
    }
    final String name = block.path("paramName").asText("");
    if (!name.isEmpty()) {
      return name;
    }
    return ODATA.equalsIgnoreCase(block.path("dialect").asText("")) ? odataName : null;
  }

  private static String syntax(JsonNode block) {
    final String syntax = block.path("syntax").asText("");
    return syntax.isEmpty() && ODATA.equalsIgnoreCase(block.path("dialect").asText("")) ? ODATA : syntax;
  }

  /** Whether the list {@code key} of {@code block} allows {@code item}: no list, {@code *}, or the item itself. */
  private static boolean supports(JsonNode block, String key, String item) {
    final JsonNode list = block.path(key);
    if (!list.isArray() || list.isEmpty()) {
      return true;
    }
    for (JsonNode entry : list) {
      if ("*".equals(entry.asText()) || item.equals(entry.asText())) {
        return true;
      }
    }
    return false;
  }

  /** One OData term: {@code Name eq 'x'}, {@code startswith(Name,'x')}. */
  private static String term(PushdownIntent.Predicate predicate) {
    final Object value = predicate.value();
    final String literal = value instanceof String
        ? "'" + ((String) value).replace("'", "''") + "'"
        : String.valueOf(value).toLowerCase(Locale.ROOT);
    return predicate.operator() == PushdownIntent.Operator.STARTSWITH
        ? "startswith(" + predicate.field() + "," + literal + ")"
        : predicate.field() + " " + predicate.operator().odata() + " " + literal;
  }
}
