package io.credql.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AdministratorPasswordRules}, checked before a flexible server's update that sets
 * {@code properties.administratorLoginPassword} is sent. The administrator login is read with the
 * server's {@code get}; in a dry run nothing is read, so that rule waits for the real run.
 */
public final class AdministratorPasswordValidator implements RequestValidator {
  @Override public String name() {
    return "azure.flexible_servers.administrator_password";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final JsonNode body = call.body();
    final JsonNode password = body == null ? null : body.path("properties").get("administratorLoginPassword");
    if (password == null) {
      return List.of();
    }
    if (!password.isTextual()) {
      return List.of("properties.administratorLoginPassword must be a string");
    }
    final List<String> withoutLogin = AdministratorPasswordRules.violations(password.asText(), null);
    final Map<String, Object> server = new LinkedHashMap<>();
    for (String input : List.of("subscription_id", "resource_group_name", "server_name")) {
      server.put(input, call.input(input));
    }
    final List<JsonNode> found = context.read("servers", "get", server);
    if (found == null || found.isEmpty()) {
      return withoutLogin;
    }
    final JsonNode row = found.get(0);
    final String login = row.path("properties").path("administratorLogin")
        .asText(row.path("administratorLogin").asText(""));
    return AdministratorPasswordRules.violations(password.asText(), login);
  }
}
