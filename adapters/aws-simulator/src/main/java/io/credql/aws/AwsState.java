package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything a simulated AWS account holds, shared by its RDS and Secrets Manager APIs (RDS keeps
 * a managed master password in a Secrets Manager secret). Callers hold this object's lock while
 * they read or change it.
 */
final class AwsState {
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%^*()-_=+[]{}:,.?~";
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  final String account;
  final Set<String> regions;
  final Clock clock;
  private final List<SimulatedDatabase> databases;
  private final List<SimulatedSecret> secrets;
  private final SecureRandom random = new SecureRandom();

  AwsState(AwsDataset dataset, Clock clock) {
    this.account = dataset.account();
    this.regions = Set.copyOf(dataset.regions());
    this.clock = requireNonNull(clock, "clock");
    this.databases = new ArrayList<>(dataset.databases());
    this.secrets = new ArrayList<>(dataset.secrets());
  }

  /** The instances or clusters of {@code region}, in creation order. */
  List<SimulatedDatabase> databases(String region, SimulatedDatabase.Kind kind) {
    return databases.stream().filter(d -> d.region.equals(region) && d.kind == kind).toList();
  }

  /** An instance or cluster by identifier (which RDS compares ignoring case), or null. */
  @Nullable SimulatedDatabase database(String region, SimulatedDatabase.Kind kind, String identifier) {
    for (SimulatedDatabase database : databases(region, kind)) {
      if (database.identifier.equalsIgnoreCase(identifier)) {
        return database;
      }
    }
    return null;
  }

  /** The instances that belong to cluster {@code cluster}. */
  List<SimulatedDatabase> members(SimulatedDatabase cluster) {
    return databases(cluster.region, SimulatedDatabase.Kind.INSTANCE).stream()
        .filter(d -> cluster.identifier.equals(d.clusterIdentifier)).toList();
  }

  /** The secrets of {@code region}, in creation order. */
  List<SimulatedSecret> secrets(String region) {
    return secrets.stream().filter(s -> s.region.equals(region)).toList();
  }

  /** A secret by name, full ARN or ARN without its random suffix, or null. */
  @Nullable SimulatedSecret secret(String region, String id) {
    for (SimulatedSecret secret : secrets(region)) {
      if (secret.name.equals(id) || secret.arn.equals(id)
          || secret.arn.substring(0, secret.arn.length() - 7).equals(id)) {
        return secret;
      }
    }
    return null;
  }

  /** A new secret owned by RDS, holding the master user of {@code database}. */
  SimulatedSecret createManagedSecret(SimulatedDatabase database) {
    final String name = "rds!" + (database.kind == SimulatedDatabase.Kind.INSTANCE ? "db-" : "cluster-") + uuid();
    final SimulatedSecret secret = new SimulatedSecret(database.region, account, name,
        "Secret associated with primary RDS DB " + database.kind.name().toLowerCase(java.util.Locale.ROOT) + ": "
            + database.arn(account), "rds", clock.instant(), suffix());
    secrets.add(secret);
    return secret;
  }

  void deleteSecret(SimulatedSecret secret) {
    secrets.remove(secret);
  }

  /** A password of {@code length} characters RDS and every engine accept. */
  String newPassword(int length) {
    final StringBuilder password = new StringBuilder();
    while (password.length() < length) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  String uuid() {
    return java.util.UUID.randomUUID().toString();
  }

  private String suffix() {
    final StringBuilder suffix = new StringBuilder();
    while (suffix.length() < 6) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
