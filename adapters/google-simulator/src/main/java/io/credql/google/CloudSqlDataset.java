package io.credql.google;

import io.credql.sandbox.OperationBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a simulated project starts with: its instances and their built-in users (name, host).
 *
 * <p>The demo project has an instance for each way an operation ends: {@code orders-pg} finishes
 * on the second poll, {@code billing-mysql} (with a password policy) too, {@code legacy-pg}
 * fails, and {@code stuck-pg} never finishes.
 */
public record CloudSqlDataset(String project, List<CloudSqlInstance> instances, Map<String, List<String>> users) {
  /** The project the demo data lives in. */
  public static final String DEMO_PROJECT = "demo-project";

  public CloudSqlDataset {
    requireNonNull(project, "project");
    instances = List.copyOf(instances);
    users = Map.copyOf(users);
  }

  public static CloudSqlDataset empty(String project) {
    return new CloudSqlDataset(project, List.of(), Map.of());
  }

  public static CloudSqlDataset demo() {
    final List<CloudSqlInstance> instances = new ArrayList<>();
    instances.add(CloudSqlInstance.runnable("orders-pg", "POSTGRES_16", "europe-west1"));
    instances.add(CloudSqlInstance.runnable("billing-mysql", "MYSQL_8_0", "us-central1")
        .withPasswordPolicy(new CloudSqlPasswordPolicy(true, 12, true, true)));
    instances.add(CloudSqlInstance.runnable("legacy-pg", "POSTGRES_13", "us-east1")
        .withOperations(OperationBehaviour.failsAfter(2, "INTERNAL_ERROR",
            "An internal error occurred while updating the user; the password is unchanged.")));
    instances.add(CloudSqlInstance.runnable("stuck-pg", "POSTGRES_15", "asia-east1")
        .withOperations(OperationBehaviour.NEVER_DONE));
    return new CloudSqlDataset(DEMO_PROJECT, instances, Map.of(
        "orders-pg", List.of("postgres", "app_rw"),
        "billing-mysql", List.of("root@%", "billing_app@%"),
        "legacy-pg", List.of("postgres"),
        "stuck-pg", List.of("postgres")));
  }
}
