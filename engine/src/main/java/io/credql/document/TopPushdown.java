package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code queryParamPushdown.top} of a method's (inherited) config: the query parameter that asks
 * the API for at most n rows ({@code paramName}, or {@code $top} for the OData dialect), capped
 * at {@code maxValue}. Only an optimisation: the query's LIMIT is still applied to what comes back.
 * ({@code filter}, {@code select} and {@code orderBy} are {@link QueryParamPushdown}.)
 */
public final class TopPushdown {
  private final ParameterDefinition parameter;
  private final long maxValue;

  private TopPushdown(ParameterDefinition parameter, long maxValue) {
    this.parameter = parameter;
    this.maxValue = maxValue;
  }

  /** The pushdown of {@code method}, or null when it has none or does not declare the parameter. */
  public static @Nullable TopPushdown of(MethodDefinition method) {
    final JsonNode top = method.config().path("queryParamPushdown").path("top");
    if (!top.isObject()) {
      return null;
    }
    final String name = top.hasNonNull("paramName") ? top.get("paramName").asText()
        : "odata".equalsIgnoreCase(top.path("dialect").asText()) ? "$top" : null;
    if (name == null) {
      return null;
    }
    for (ParameterDefinition parameter : method.parameters()) {
      if (parameter.location() == ParameterDefinition.Location.QUERY && parameter.name().equals(name)) {
        return new TopPushdown(parameter, top.path("maxValue").asLong(Long.MAX_VALUE));
      }
    }
    return null;
  }

  /** The query parameter that carries the row count. */
  public ParameterDefinition parameter() {
    return parameter;
  }

  /** The count to ask for when the query reads {@code rows} rows. */
  public long count(long rows) {
    return Math.min(rows, maxValue);
  }
}
