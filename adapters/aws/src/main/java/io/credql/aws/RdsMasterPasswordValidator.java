package io.credql.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.error.CredqlException;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RDS's rules for a new master password ({@link RdsMasterPasswordRules}) and for the password
 * parameters together, checked before {@code ModifyDBInstance} or {@code ModifyDBCluster} is
 * sent. The length limit and some characters depend on the instance's engine, so the instance is
 * read first ({@code describe_db_instances}) and every rule of its engine checked; a cluster's
 * rules are the same for every engine. In a dry run nothing is read: the rules of every engine are
 * checked, the engine's own when the statement runs.
 */
public final class RdsMasterPasswordValidator implements RequestValidator {
  @Override public String name() {
    return "aws.rds.master_password";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) throws CredqlException {
    final String password = text(call, "MasterUserPassword");
    final String manage = text(call, "ManageMasterUserPassword");
    final String rotate = text(call, "RotateMasterUserPassword");
    final String apply = text(call, "ApplyImmediately");
    final List<String> problems = new ArrayList<>();
    if (password != null && "true".equalsIgnoreCase(manage)) {
      problems.add("MasterUserPassword cannot be given while ManageMasterUserPassword is turned on: RDS then"
          + " generates the password and keeps it in Secrets Manager");
    }
    if ("true".equalsIgnoreCase(rotate) && !"true".equalsIgnoreCase(apply)) {
      problems.add("RotateMasterUserPassword needs ApplyImmediately = true");
    }
    if (password == null) {
      return problems;
    }
    final boolean cluster = call.input("DBClusterIdentifier") != null || bodyHas(call, "DBClusterIdentifier");
    final String instance = text(call, "DBInstanceIdentifier");
    if (cluster || instance == null) {
      problems.addAll(RdsMasterPasswordRules.violations(password, null, cluster));
      return problems;
    }
    final Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("DBInstanceIdentifier", instance);
    final Object region = call.input("region");
    if (region != null) {
      inputs.put("region", region);
    }
    final List<JsonNode> rows = context.read(call.method().resource().name(), "describe_db_instances", inputs);
    String engine = null;
    for (JsonNode row : rows == null ? List.<JsonNode>of() : rows) {
      if (row.path("DBInstanceIdentifier").asText().equalsIgnoreCase(instance)) {
        engine = row.path("Engine").asText(null);
      }
    }
    // an instance that is not found is left to RDS, which answers DBInstanceNotFound
    problems.addAll(RdsMasterPasswordRules.violations(password, engine, false));
    return problems;
  }

  /** A value given as a parameter or a body field. */
  private static @Nullable String text(BoundCall call, String name) {
    final Object input = call.input(name);
    if (input != null) {
      return String.valueOf(input);
    }
    final JsonNode body = call.body();
    final JsonNode field = body == null ? null : body.get(name);
    return field == null || field.isNull() ? null : field.asText();
  }

  private static boolean bodyHas(BoundCall call, String name) {
    return call.body() != null && call.body().has(name);
  }
}
