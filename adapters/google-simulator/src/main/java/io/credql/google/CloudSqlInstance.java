package io.credql.google;

import io.credql.sandbox.OperationBehaviour;

import static java.util.Objects.requireNonNull;

/**
 * A simulated Cloud SQL instance: its name, engine ({@code databaseVersion}), region, serving
 * state, password policy, and how the operations started on it end.
 */
public record CloudSqlInstance(String name, String databaseVersion, String region, String state,
    CloudSqlPasswordPolicy passwordPolicy, OperationBehaviour operations) {
  public CloudSqlInstance {
    requireNonNull(name, "name");
    requireNonNull(databaseVersion, "databaseVersion");
    requireNonNull(region, "region");
    requireNonNull(state, "state");
    requireNonNull(passwordPolicy, "passwordPolicy");
    requireNonNull(operations, "operations");
  }

  public static CloudSqlInstance runnable(String name, String databaseVersion, String region) {
    return new CloudSqlInstance(name, databaseVersion, region, "RUNNABLE", CloudSqlPasswordPolicy.NONE,
        OperationBehaviour.QUICK);
  }

  public CloudSqlInstance withPasswordPolicy(CloudSqlPasswordPolicy policy) {
    return new CloudSqlInstance(name, databaseVersion, region, state, policy, operations);
  }

  public CloudSqlInstance withOperations(OperationBehaviour behaviour) {
    return new CloudSqlInstance(name, databaseVersion, region, state, passwordPolicy, behaviour);
  }

  boolean isMySql() {
    return databaseVersion.startsWith("MYSQL");
  }
}
