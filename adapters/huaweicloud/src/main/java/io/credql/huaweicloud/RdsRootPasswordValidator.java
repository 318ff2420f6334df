package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RDS's rules for a new root password (seed 004; provider-apis §6.2), checked before
 * {@code huaweicloud.rds.root_password.reset} is sent. The rules depend on the instance's engine
 * (MySQL allows {@code $()&}, PostgreSQL does not; other engines cannot use the API), but a
 * password that no engine accepts is refused without asking: only when the verdict depends on the
 * engine is the instance read ({@code instances.list} filtered by {@code id}).
 *
 * <p>In a dry run nothing is read, so only the rules common to every engine are checked; the
 * engine's own rules are checked when the statement runs for real. An instance the read does not
 * find is left to the provider, which answers {@code DBS.200002}.
 */
public final class RdsRootPasswordValidator implements RequestValidator {
  /** Every character some engine allows: MySQL's specials include PostgreSQL's. */
  private static final PasswordPolicy ANY_ENGINE = PasswordPolicy.RDS_MYSQL;

  @Override public String name() {
    return "huaweicloud.rds.root_password_policy";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final JsonNode body = call.body();
    final JsonNode password = body == null ? null : body.get("db_user_pwd");
    if (password == null || !password.isTextual()) {
      return List.of();
    }
    final List<String> common = ANY_ENGINE.violations(password.asText());
    if (!common.isEmpty()) {
      return common;
    }
    final Object instanceId = call.input("instance_id");
    final Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("region", call.input("region"));
    filter.put("project_id", call.input("project_id"));
    filter.put("id", instanceId);
    final List<JsonNode> instances = context.read("instances", "list", filter);
    if (instances == null) {
      return List.of();
    }
    for (JsonNode instance : instances) {
      if (instance.path("id").asText().equals(String.valueOf(instanceId))) {
        return engineRules(instance, password.asText());
      }
    }
    return List.of();
  }

  private static List<String> engineRules(JsonNode instance, String password) {
    final String type = instance.path("datastore").path("type").asText("");
    final RdsEngine engine = RdsEngine.fromApiName(type);
    final PasswordPolicy policy = engine == null ? null : engine.rootPasswordPolicy();
    if (engine == null || policy == null) {
      return List.of("This API is available to RDS for MySQL and RDS for PostgreSQL only; instance "
          + instance.path("id").asText() + " runs " + (type.isEmpty() ? "an unknown engine" : type));
    }
    final String engineName = engine.apiName();
    return policy.violations(password).stream()
        .map(problem -> "for RDS for " + engineName + ", " + problem)
        .toList();
  }
}
