package io.credql.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Secrets Manager's operations as far as credentials go ({@code ListSecrets}, {@code DescribeSecret},
 * {@code GetSecretValue}, {@code PutSecretValue}, {@code RotateSecret},
 * {@code UpdateSecretVersionStage}), with the checks and error codes of its API reference.
 */
final class SecretsManagerApi {
  static final String TARGET_PREFIX = "secretsmanager.";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";

  private final AwsState state;

  SecretsManagerApi(AwsState state) {
    this.state = requireNonNull(state, "state");
  }

  /** Whether {@code operation} (the part of {@code X-Amz-Target} after the prefix) is served. */
  static boolean serves(String operation) {
    return List.of("ListSecrets", "DescribeSecret", "GetSecretValue", "PutSecretValue", "RotateSecret",
        "UpdateSecretVersionStage").contains(operation);
  }

  /** The response body of {@code operation} with {@code input}, in {@code region}. */
  JsonNode call(String region, String operation, JsonNode input) throws AwsServiceError {
    synchronized (state) {
      switch (operation) {
      case "ListSecrets":
        return listSecrets(region, input);
      case "DescribeSecret":
        return describe(secret(region, input));
      case "GetSecretValue":
        return getSecretValue(secret(region, input), input);
      case "PutSecretValue":
        return putSecretValue(secret(region, input), input);
      case "RotateSecret":
        return rotateSecret(secret(region, input), input);
      case "UpdateSecretVersionStage":
        return updateSecretVersionStage(secret(region, input), input);
      default:
        throw new AwsServiceError(400, "UnknownOperationException", null);
      }
    }
  }

  private ObjectNode listSecrets(String region, JsonNode input) throws AwsServiceError {
    final int maxResults = input.has("MaxResults") ? input.get("MaxResults").asInt() : 100;
    if (maxResults < 1 || maxResults > 100) {
      throw validation("Value '" + input.get("MaxResults") + "' at 'maxResults' failed to satisfy constraint:"
          + " Member must have value between 1 and 100");
    }
    int start = 0;
    final String token = text(input, "NextToken");
    if (token != null) {
      try {
        start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AwsServiceError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
      }
    }
    final List<SimulatedSecret> secrets = state.secrets(region);
    if (start < 0 || start > secrets.size()) {
      throw new AwsServiceError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
    }
    final ObjectNode result = NODES.objectNode();
    final ArrayNode list = result.putArray("SecretList");
    final int end = Math.min(secrets.size(), start + maxResults);
    for (SimulatedSecret secret : secrets.subList(start, end)) {
      final ObjectNode entry = metadata(secret);
      entry.set("SecretVersionsToStages", versionsToStages(secret));
      list.add(entry);
    }
    if (end < secrets.size()) {
      result.put("NextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
    }
    return result;
  }

  private ObjectNode describe(SimulatedSecret secret) {
    final ObjectNode result = metadata(secret);
    result.set("VersionIdsToStages", versionsToStages(secret));
    return result;
  }

  private ObjectNode getSecretValue(SimulatedSecret secret, JsonNode input) throws AwsServiceError {
    final SimulatedSecret.Version version = version(secret, text(input, "VersionId"), text(input, "VersionStage"));
    secret.lastAccessed = state.clock.instant();
    final ObjectNode result = named(secret);
    result.put("VersionId", version.id);
    result.put("SecretString", version.secretString);
    result.set("VersionStages", stages(version.stages));
    result.put("CreatedDate", epoch(version.created));
    return result;
  }

  private ObjectNode putSecretValue(SimulatedSecret secret, JsonNode input) throws AwsServiceError {
    final String value = text(input, "SecretString");
    if (value == null) {
      throw new AwsServiceError(400, input.has("SecretBinary") ? "InvalidParameterException" : "InvalidRequestException",
          input.has("SecretBinary") ? "The simulator keeps SecretString values only."
              : "You must provide either SecretString or SecretBinary.");
    }
    final String token = text(input, "ClientRequestToken");
    if (token != null && (token.length() < 32 || token.length() > 64)) {
      throw validation("Value at 'clientRequestToken' failed to satisfy constraint: Member must have length"
          + " between 32 and 64");
    }
    final Set<String> stages = new LinkedHashSet<>();
    input.path("VersionStages").forEach(stage -> stages.add(stage.asText()));
    if (stages.isEmpty()) {
      stages.add(SimulatedSecret.CURRENT);
    }
    final String versionId = token != null ? token : state.uuid();
    final SimulatedSecret.Version existing = secret.versions.get(versionId);
    final SimulatedSecret.Version version;
    if (existing != null) {
      // the same request sent again is answered, not repeated; another value under the same token is refused
      if (!existing.secretString.equals(value)) {
        throw new AwsServiceError(400, "ResourceExistsException",
            "You can't modify an existing version, you can only create a new version.");
      }
      version = existing;
    } else {
      version = new SimulatedSecret.Version(versionId, value, state.clock.instant());
      secret.addVersion(version, stages, state.clock.instant());
    }
    final ObjectNode result = named(secret);
    result.put("VersionId", version.id);
    result.set("VersionStages", stages(version.stages));
    return result;
  }

  private ObjectNode rotateSecret(SimulatedSecret secret, JsonNode input) throws AwsServiceError {
    final String lambda = text(input, "RotationLambdaARN");
    if (lambda != null) {
      secret.rotationLambdaArn = lambda;
    }
    if (input.path("RotationRules").has("AutomaticallyAfterDays")) {
      secret.rotationDays = input.path("RotationRules").get("AutomaticallyAfterDays").asInt();
    }
    if (secret.rotationLambdaArn == null && secret.owningService == null) {
      throw new AwsServiceError(400, "InvalidRequestException",
          "No Lambda rotation function ARN is associated with this secret.");
    }
    final SimulatedSecret.Version pending = secret.withStage(SimulatedSecret.PENDING);
    final SimulatedSecret.Version current = secret.withStage(SimulatedSecret.CURRENT);
    if (pending != null && pending != current) {
      throw new AwsServiceError(400, "InvalidRequestException",
          "A previous rotation isn't complete. That rotation will be reattempted.");
    }
    secret.rotationEnabled = true;
    final ObjectNode result = named(secret);
    if (input.has("RotateImmediately") && !input.get("RotateImmediately").asBoolean()) {
      return result;
    }
    final String token = text(input, "ClientRequestToken");
    final String versionId = token != null ? token : state.uuid();
    rotate(secret, versionId);
    result.put("VersionId", versionId);
    return result;
  }

  /**
   * Runs a rotation to its end as the rotation function would: a new version with a new
   * {@code password}, labelled AWSCURRENT; for a secret RDS manages, the database's master
   * password changes with it.
   */
  void rotate(SimulatedSecret secret, String versionId) throws AwsServiceError {
    final SimulatedSecret.Version current = secret.withStage(SimulatedSecret.CURRENT);
    final String newPassword = state.newPassword(32);
    final ObjectNode value;
    try {
      value = current == null ? NODES.objectNode()
          : (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(current.secretString);
    } catch (java.io.IOException | ClassCastException e) {
      throw new AwsServiceError(400, "InvalidRequestException",
          "The secret's value is not a JSON object with a password; its rotation function cannot rotate it.");
    }
    value.put("password", newPassword);
    final Instant now = state.clock.instant();
    secret.addVersion(new SimulatedSecret.Version(versionId, value.toString(), now), Set.of(SimulatedSecret.CURRENT), now);
    secret.lastRotated = now;
    for (SimulatedDatabase.Kind kind : SimulatedDatabase.Kind.values()) {
      for (SimulatedDatabase database : state.databases(secret.region, kind)) {
        if (secret.arn.equals(database.managedSecretArn)) {
          database.masterPassword = newPassword;
        }
      }
    }
  }

  private ObjectNode updateSecretVersionStage(SimulatedSecret secret, JsonNode input) throws AwsServiceError {
    final String stage = required(input, "VersionStage");
    final String moveTo = text(input, "MoveToVersionId");
    final String removeFrom = text(input, "RemoveFromVersionId");
    final SimulatedSecret.Version holder = secret.withStage(stage);
    if (moveTo != null && !secret.versions.containsKey(moveTo)) {
      throw new AwsServiceError(400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for VersionId: " + moveTo);
    }
    if (holder != null && !holder.id.equals(moveTo) && !holder.id.equals(removeFrom)) {
      throw new AwsServiceError(400, "InvalidParameterException", "The parameter RemoveFromVersionId can't be empty."
          + " Staging label " + stage + " is currently attached to version " + holder.id
          + ", so you must explicitly reference that version in RemoveFromVersionId.");
    }
    if (removeFrom != null && (holder == null || !holder.id.equals(removeFrom))) {
      throw new AwsServiceError(400, "InvalidParameterException", "The staging label " + stage
          + " is not attached to version " + removeFrom + ".");
    }
    if (moveTo != null) {
      secret.moveStage(stage, moveTo);
    } else if (holder != null) {
      if (stage.equals(SimulatedSecret.CURRENT)) {
        throw new AwsServiceError(400, "InvalidParameterException",
            "You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
      }
      holder.stages.remove(stage);
    }
    secret.lastChanged = state.clock.instant();
    return named(secret);
  }

  private SimulatedSecret secret(String region, JsonNode input) throws AwsServiceError {
    final SimulatedSecret secret = state.secret(region, required(input, "SecretId"));
    if (secret == null) {
      throw new AwsServiceError(400, "ResourceNotFoundException", NOT_FOUND);
    }
    return secret;
  }

  private static SimulatedSecret.Version version(SimulatedSecret secret, @Nullable String versionId,
      @Nullable String stage) throws AwsServiceError {
    if (versionId != null) {
      final SimulatedSecret.Version version = secret.versions.get(versionId);
      if (version == null || stage != null && !version.stages.contains(stage)) {
        throw new AwsServiceError(400, "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
      }
      return version;
    }
    final String label = stage != null ? stage : SimulatedSecret.CURRENT;
    final SimulatedSecret.Version version = secret.withStage(label);
    if (version == null) {
      throw new AwsServiceError(400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for staging label: " + label);
    }
    return version;
  }

  private ObjectNode metadata(SimulatedSecret secret) {
    final ObjectNode entry = named(secret);
    if (secret.description != null) {
      entry.put("Description", secret.description);
    }
    entry.put("RotationEnabled", secret.rotationEnabled);
    if (secret.rotationLambdaArn != null) {
      entry.put("RotationLambdaARN", secret.rotationLambdaArn);
    }
    if (secret.rotationDays != null) {
      entry.putObject("RotationRules").put("AutomaticallyAfterDays", secret.rotationDays);
    }
    if (secret.lastRotated != null) {
      entry.put("LastRotatedDate", epoch(secret.lastRotated));
    }
    entry.put("LastChangedDate", epoch(secret.lastChanged));
    if (secret.lastAccessed != null) {
      entry.put("LastAccessedDate", epoch(secret.lastAccessed));
    }
    entry.put("CreatedDate", epoch(secret.created));
    if (secret.owningService != null) {
      entry.put("OwningService", secret.owningService);
    }
    entry.put("PrimaryRegion", secret.region);
    return entry;
  }

  private static ObjectNode named(SimulatedSecret secret) {
    final ObjectNode node = NODES.objectNode();
    node.put("ARN", secret.arn);
    node.put("Name", secret.name);
    return node;
  }

  private static ObjectNode versionsToStages(SimulatedSecret secret) {
    final ObjectNode map = NODES.objectNode();
    for (Map.Entry<String, SimulatedSecret.Version> version : secret.versions.entrySet()) {
      if (!version.getValue().stages.isEmpty()) {
        map.set(version.getKey(), stages(version.getValue().stages));
      }
    }
    return map;
  }

  private static ArrayNode stages(Set<String> stages) {
    final ArrayNode array = NODES.arrayNode();
    stages.forEach(array::add);
    return array;
  }

  /** Secrets Manager's timestamps: seconds since the epoch, with fractions. */
  private static double epoch(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private static @Nullable String text(JsonNode input, String field) {
    final JsonNode value = input.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String required(JsonNode input, String field) throws AwsServiceError {
    final String value = text(input, field);
    if (value == null || value.isEmpty()) {
      throw validation("Value null at '" + Character.toLowerCase(field.charAt(0)) + field.substring(1)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static AwsServiceError validation(String problem) {
    return new AwsServiceError(400, "ValidationException", "1 validation error detected: " + problem);
  }
}
