package io.credql.databricks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a simulated workspace starts with: Lakebase Provisioned instances and the resource names of
 * Lakebase Autoscaling endpoints.
 *
 * @param instances         database instances, names unique
 * @param postgresEndpoints endpoint names, {@code projects/{p}/branches/{b}/endpoints/{e}}
 */
public record DatabricksDataset(List<DatabaseInstance> instances, List<String> postgresEndpoints) {
  /** The demo workspace's autoscaling endpoint that the sandbox's examples use. */
  public static final String DEMO_ENDPOINT = "projects/demo-shop/branches/production/endpoints/primary";
  /** The demo workspace's provisioned instance that the sandbox's examples use. */
  public static final String DEMO_INSTANCE = "orders-lakebase";

  public DatabricksDataset {
    instances = List.copyOf(requireNonNull(instances, "instances"));
    postgresEndpoints = List.copyOf(requireNonNull(postgresEndpoints, "postgresEndpoints"));
    final Set<String> names = new HashSet<>();
    for (DatabaseInstance instance : instances) {
      if (!names.add(instance.name())) {
        throw new IllegalArgumentException("two instances are called " + instance.name());
      }
    }
    for (String endpoint : postgresEndpoints) {
      if (!PostgresCredentialRules.ENDPOINT.matcher(endpoint).matches()) {
        throw new IllegalArgumentException("not an endpoint resource name: " + endpoint);
      }
    }
  }

  public static DatabricksDataset empty() {
    return new DatabricksDataset(List.of(), List.of());
  }

  /**
   * The sandbox's workspace: three instances (one of them stopped) and two endpoints of one
   * autoscaling project.
   */
  public static DatabricksDataset demo() {
    final List<DatabaseInstance> instances = new ArrayList<>();
    instances.add(DatabaseInstance.available(DEMO_INSTANCE, "6a0e2b64-6b2c-4f3e-9a77-0c1d2e3f4a5b",
        "alice@example.com", Instant.parse("2026-07-01T10:00:00Z")));
    instances.add(DatabaseInstance.available("analytics-lakebase", "0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
        "bob@example.com", Instant.parse("2026-07-15T08:30:00Z")).withCapacity("CU_2")
        .withReadableSecondaries(2));
    instances.add(DatabaseInstance.available("staging-lakebase", "9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a",
        "alice@example.com", Instant.parse("2026-08-02T16:45:00Z")).withState("STOPPED"));
    return new DatabricksDataset(instances, List.of(DEMO_ENDPOINT,
        "projects/demo-shop/branches/development/endpoints/primary"));
  }
}
