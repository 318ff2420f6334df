package io.credql.aws;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A Secrets Manager secret as the simulator holds it: its versions, each with its value and its
 * staging labels ({@code AWSCURRENT}, {@code AWSPREVIOUS}, {@code AWSPENDING}, or custom ones).
 * Changed only under the lock of {@link AwsState}.
 */
final class SimulatedSecret {
  static final String CURRENT = "AWSCURRENT";
  static final String PREVIOUS = "AWSPREVIOUS";
  static final String PENDING = "AWSPENDING";

  /** One version of the secret's value. */
  static final class Version {
    final String id;
    final String secretString;
    final Instant created;
    final Set<String> stages = new LinkedHashSet<>();

    Version(String id, String secretString, Instant created) {
      this.id = requireNonNull(id, "id");
      this.secretString = requireNonNull(secretString, "secretString");
      this.created = requireNonNull(created, "created");
    }
  }

  final String region;
  final String name;
  final String arn;
  final @Nullable String description;
  final Instant created;
  /** {@code rds} for a secret RDS manages, else null. */
  final @Nullable String owningService;
  final Map<String, Version> versions = new LinkedHashMap<>();
  @Nullable String rotationLambdaArn;
  boolean rotationEnabled;
  @Nullable Integer rotationDays;
  Instant lastChanged;
  @Nullable Instant lastRotated;
  @Nullable Instant lastAccessed;

  SimulatedSecret(String region, String account, String name, @Nullable String description,
      @Nullable String owningService, Instant created, String suffix) {
    this.region = requireNonNull(region, "region");
    this.name = requireNonNull(name, "name");
    this.arn = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-" + suffix;
    this.description = description;
    this.owningService = owningService;
    this.created = requireNonNull(created, "created");
    this.lastChanged = created;
  }

  /** The version labelled {@code stage}, or null. */
  @Nullable Version withStage(String stage) {
    for (Version version : versions.values()) {
      if (version.stages.contains(stage)) {
        return version;
      }
    }
    return null;
  }

  /**
   * Adds {@code version} labelled {@code stages}; each label leaves the version that had it, and
   * the version that loses {@code AWSCURRENT} becomes {@code AWSPREVIOUS}, as Secrets Manager does.
   */
  void addVersion(Version version, Set<String> stages, Instant now) {
    versions.put(version.id, version);
    for (String stage : stages) {
      moveStage(stage, version.id);
    }
    lastChanged = now;
  }

  /** Moves {@code stage} to version {@code toVersionId}, with AWSPREVIOUS following AWSCURRENT. */
  void moveStage(String stage, String toVersionId) {
    final Version from = withStage(stage);
    if (from != null && from.id.equals(toVersionId)) {
      return;
    }
    if (from != null) {
      from.stages.remove(stage);
      if (stage.equals(CURRENT)) {
        final Version previous = withStage(PREVIOUS);
        if (previous != null) {
          previous.stages.remove(PREVIOUS);
        }
        from.stages.add(PREVIOUS);
      }
    }
    requireNonNull(versions.get(toVersionId), toVersionId).stages.add(stage); // callers move to a version it has
  }
}
