package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.List;

/**
 * The documented rule of {@code database_credentials.generate}, checked before the request is
 * sent: "At least one of instance_names or claims must be specified."
 */
public final class DatabaseCredentialRules implements RequestValidator {
  @Override public String name() {
    return "databricks_workspace.database.credential_request";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) {
    final JsonNode body = call.body();
    if (body != null && (isNonEmptyList(body.get("instance_names")) || isNonEmptyList(body.get("claims")))) {
      return List.of();
    }
    return List.of("at least one of instance_names or claims must be specified (a credential is"
        + " generated for the instances named, or for the Unity Catalog permissions claimed)");
  }

  private static boolean isNonEmptyList(JsonNode value) {
    return value != null && value.isArray() && value.size() > 0;
  }
}
