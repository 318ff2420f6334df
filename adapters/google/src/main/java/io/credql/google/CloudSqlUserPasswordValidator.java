package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud SQL's rules for a user's new password, checked before {@code users.update} is sent: never
 * empty, and the instance's password validation policy when it has one (read with
 * {@code instances.get}). In a dry run nothing is read, so only the empty password is refused.
 */
public final class CloudSqlUserPasswordValidator implements RequestValidator {
  @Override public String name() {
    return "google.sqladmin.user_password";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final JsonNode body = call.body();
    final JsonNode password = body == null ? null : body.get("password");
    if (body == null || password == null) {
      return List.of();
    }
    if (!password.isTextual()) {
      return List.of("the password must be a string");
    }
    final Object user = call.input("name");
    final String username = user == null ? body.path("name").asText(null) : String.valueOf(user);
    final List<String> always = CloudSqlPasswordPolicy.NONE.violations(password.asText(), username);
    if (!always.isEmpty()) {
      return always;
    }
    final Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("project", call.input("project"));
    instance.put("instance", call.input("instance"));
    final List<JsonNode> found = context.read("instances", "get", instance);
    if (found == null || found.isEmpty()) {
      return List.of();
    }
    return CloudSqlPasswordPolicy.of(found.get(0)).violations(password.asText(), username);
  }
}
