package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An RDS DB instance or DB cluster as the simulator holds it: what {@code DescribeDBInstances}
 * and {@code DescribeDBClusters} show, and the master password they never show. Changed only
 * under the lock of {@link AwsState}.
 */
final class SimulatedDatabase {
  /** Which RDS resource this is. */
  enum Kind { INSTANCE, CLUSTER }

  final Kind kind;
  final String region;
  final String identifier;
  final String engine;
  final String engineVersion;
  final String masterUsername;
  final int port;
  final Instant created;
  /** The cluster an instance belongs to (Aurora), or null. */
  final @Nullable String clusterIdentifier;
  String status;
  String masterPassword;
  /** The Secrets Manager secret holding the password when RDS manages it, or null. */
  @Nullable String managedSecretArn;
  /** Whether a password change is still being applied (shown as {@code PendingModifiedValues}). */
  boolean passwordChangePending;

  SimulatedDatabase(Kind kind, String region, String identifier, String engine, String engineVersion,
      String masterUsername, String masterPassword, int port, @Nullable String clusterIdentifier, String status,
      Instant created) {
    this.kind = requireNonNull(kind, "kind");
    this.region = requireNonNull(region, "region");
    this.identifier = requireNonNull(identifier, "identifier");
    this.engine = requireNonNull(engine, "engine");
    this.engineVersion = requireNonNull(engineVersion, "engineVersion");
    this.masterUsername = requireNonNull(masterUsername, "masterUsername");
    this.masterPassword = requireNonNull(masterPassword, "masterPassword");
    this.port = port;
    this.clusterIdentifier = clusterIdentifier;
    this.status = requireNonNull(status, "status");
    this.created = requireNonNull(created, "created");
  }

  /** An RDS DB instance of {@code engine}, standing alone. */
  static SimulatedDatabase instance(String region, String identifier, String engine, String engineVersion,
      String masterUsername, String masterPassword, String status) {
    return new SimulatedDatabase(Kind.INSTANCE, region, identifier, engine, engineVersion, masterUsername,
        masterPassword, defaultPort(engine), null, status, Instant.parse("2025-03-04T09:15:00Z"));
  }

  /** An Aurora DB cluster. */
  static SimulatedDatabase cluster(String region, String identifier, String engine, String engineVersion,
      String masterUsername, String masterPassword) {
    return new SimulatedDatabase(Kind.CLUSTER, region, identifier, engine, engineVersion, masterUsername,
        masterPassword, defaultPort(engine), null, "available", Instant.parse("2025-01-20T14:02:00Z"));
  }

  /** An instance of cluster {@code cluster}, which holds the master password. */
  static SimulatedDatabase clusterMember(SimulatedDatabase cluster, String identifier) {
    return new SimulatedDatabase(Kind.INSTANCE, cluster.region, identifier, cluster.engine, cluster.engineVersion,
        cluster.masterUsername, cluster.masterPassword, cluster.port, cluster.identifier, "available",
        cluster.created);
  }

  String arn(String account) {
    return "arn:aws:rds:" + region + ":" + account + (kind == Kind.INSTANCE ? ":db:" : ":cluster:") + identifier;
  }

  String endpointAddress(String account) {
    return identifier + (kind == Kind.CLUSTER ? ".cluster-" : ".") + "c" + Integer.toHexString(account.hashCode() & 0xfffff)
        + "." + region + ".rds.amazonaws.com";
  }

  private static int defaultPort(String engine) {
    if (engine.contains("postgres")) {
      return 5432;
    }
    if (engine.startsWith("oracle")) {
      return 1521;
    }
    if (engine.startsWith("sqlserver")) {
      return 1433;
    }
    if (engine.startsWith("db2")) {
      return 50000;
    }
    return 3306;
  }
}
