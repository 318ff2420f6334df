package io.credql.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a simulated AWS account holds at start: its id, the regions it serves, RDS instances and
 * clusters and Secrets Manager secrets. The demo account is the sandbox's.
 */
record AwsDataset(String account, List<String> regions, List<SimulatedDatabase> databases,
    List<SimulatedSecret> secrets) {
  static final String DEMO_ACCOUNT = "123456789012";
  static final String DEMO_REGION = "us-east-1";
  static final String OTHER_REGION = "eu-west-1";
  /** The PostgreSQL instance of the rotation recipe, and the secret its master password is kept in. */
  static final String DEMO_INSTANCE = "orders-db";
  static final String DEMO_SECRET = "prod/orders-db/master";
  static final String DEMO_CLUSTER = "inventory-aurora";
  static final String BUSY_INSTANCE = "reports-db";

  AwsDataset {
    requireNonNull(account, "account");
    regions = List.copyOf(regions);
    databases = List.copyOf(databases);
    secrets = List.copyOf(secrets);
  }

  /** The sandbox's account: a few engines in two regions, one Aurora cluster, the recipe's secret. */
  static AwsDataset demo() {
    final List<SimulatedDatabase> databases = new ArrayList<>();
    databases.add(SimulatedDatabase.instance(DEMO_REGION, DEMO_INSTANCE, "postgres", "16.3", "postgres",
        "Initial-Orders-2025", "available"));
    databases.add(SimulatedDatabase.instance(DEMO_REGION, "billing-mysql", "mysql", "8.0.36", "admin",
        "Initial-Billing-2025", "available"));
    databases.add(SimulatedDatabase.instance(DEMO_REGION, "ledger-oracle", "oracle-ee", "19.0.0.0.ru-2024-10.rur-2024-10.r1",
        "admin", "Initial-Ledger-2025", "available"));
    databases.add(SimulatedDatabase.instance(DEMO_REGION, BUSY_INSTANCE, "postgres", "15.7", "postgres",
        "Initial-Reports-2025", "modifying"));
    final SimulatedDatabase cluster = SimulatedDatabase.cluster(DEMO_REGION, DEMO_CLUSTER, "aurora-postgresql", "16.4",
        "postgres", "Initial-Inventory-2025");
    databases.add(cluster);
    databases.add(SimulatedDatabase.clusterMember(cluster, DEMO_CLUSTER + "-instance-1"));
    databases.add(SimulatedDatabase.instance(OTHER_REGION, "eu-orders-db", "postgres", "16.3", "postgres",
        "Initial-EuOrders-2025", "available"));

    final List<SimulatedSecret> secrets = new ArrayList<>();
    final Instant created = Instant.parse("2025-03-04T09:20:00Z");
    secrets.add(secret(DEMO_REGION, DEMO_SECRET, "Master user of orders-db", created, "x7Yq2P",
        "{\"username\":\"postgres\",\"password\":\"Initial-Orders-2025\",\"engine\":\"postgres\","
            + "\"dbInstanceIdentifier\":\"orders-db\",\"port\":5432}"));
    secrets.add(secret(DEMO_REGION, "prod/billing-mysql/master", "Master user of billing-mysql", created, "Qm3Lr9",
        "{\"username\":\"admin\",\"password\":\"Initial-Billing-2025\",\"engine\":\"mysql\","
            + "\"dbInstanceIdentifier\":\"billing-mysql\",\"port\":3306}"));
    secrets.add(secret(OTHER_REGION, "prod/eu-orders-db/master", "Master user of eu-orders-db", created, "Kp8Wz1",
        "{\"username\":\"postgres\",\"password\":\"Initial-EuOrders-2025\"}"));
    return new AwsDataset(DEMO_ACCOUNT, List.of(DEMO_REGION, OTHER_REGION), databases, secrets);
  }

  /** The demo account with {@code count} more PostgreSQL instances in the demo region (for paging). */
  static AwsDataset demoWithInstances(int count) {
    final AwsDataset demo = demo();
    final List<SimulatedDatabase> databases = new ArrayList<>(demo.databases());
    for (int i = 1; i <= count; i++) {
      databases.add(SimulatedDatabase.instance(DEMO_REGION, String.format("fleet-%03d", i), "postgres", "16.3",
          "postgres", "Initial-Fleet-" + i + "-2025", "available"));
    }
    return new AwsDataset(demo.account(), demo.regions(), databases, demo.secrets());
  }

  private static SimulatedSecret secret(String region, String name, String description, Instant created, String suffix,
      String value) {
    final SimulatedSecret secret = new SimulatedSecret(region, DEMO_ACCOUNT, name, description, null, created, suffix);
    final SimulatedSecret.Version version = new SimulatedSecret.Version(
        "a1b2c3d4-0000-4000-8000-" + String.format("%012x", Math.abs((long) name.hashCode())), value, created);
    secret.addVersion(version, java.util.Set.of(SimulatedSecret.CURRENT), created);
    return secret;
  }
}
