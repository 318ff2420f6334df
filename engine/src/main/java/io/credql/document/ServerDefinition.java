package io.credql.document;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An OpenAPI server: a URL template such as {@code https://{deployment_name}.cloud.databricks.com}. */
public final class ServerDefinition {
  private final String urlTemplate;
  private final Map<String, ParameterDefinition> variables;

  ServerDefinition(String urlTemplate, Map<String, ParameterDefinition> variables) {
    this.urlTemplate = requireNonNull(urlTemplate, "urlTemplate");
    this.variables = Map.copyOf(variables);
  }

  public String urlTemplate() {
    return urlTemplate;
  }

  /** Server variables by name; StackQL treats every one of them as a required input. */
  public Map<String, ParameterDefinition> variables() {
    return variables;
  }
}
