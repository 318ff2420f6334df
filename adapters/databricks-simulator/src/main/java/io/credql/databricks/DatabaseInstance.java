package io.credql.databricks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A Lakebase Provisioned database instance as the simulator holds it: the fields of the SDK's
 * {@code DatabaseInstance} that a listing shows.
 *
 * @param name                      the unique name, which {@code GET .../instances/{name}} takes
 * @param uid                       an immutable UUID
 * @param creator                   the creator's email
 * @param creationTime              when it was created
 * @param state                     one of {@link #STATES}
 * @param capacity                  {@code CU_1}, {@code CU_2}, {@code CU_4} or {@code CU_8}
 * @param pgVersion                 e.g. {@code PG_VERSION_16} (format UNCONFIRMED)
 * @param nodeCount                 1 primary and 0 or more secondaries
 * @param readableSecondaries       whether secondaries serve read-only traffic (then a read-only DNS name exists)
 * @param retentionWindowInDays     2 to 35
 */
public record DatabaseInstance(String name, String uid, String creator, Instant creationTime,
    String state, String capacity, String pgVersion, int nodeCount, boolean readableSecondaries,
    int retentionWindowInDays) {
  /** {@code DatabaseInstanceState} of the SDK. */
  public static final Set<String> STATES =
      Set.of("AVAILABLE", "DELETING", "FAILING_OVER", "STARTING", "STOPPED", "UPDATING", "UPGRADING");

  public DatabaseInstance {
    requireNonNull(name, "name");
    requireNonNull(uid, "uid");
    requireNonNull(creator, "creator");
    requireNonNull(creationTime, "creationTime");
    requireNonNull(capacity, "capacity");
    requireNonNull(pgVersion, "pgVersion");
    if (!STATES.contains(requireNonNull(state, "state"))) {
      throw new IllegalArgumentException("state must be one of " + STATES + ", not " + state);
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("an instance name is one non-empty path segment: " + name);
    }
  }

  /** An available one-node {@code CU_1} instance on PostgreSQL 16, kept 7 days. */
  public static DatabaseInstance available(String name, String uid, String creator, Instant creationTime) {
    return new DatabaseInstance(name, uid, creator, creationTime, "AVAILABLE", "CU_1", "PG_VERSION_16",
        1, false, 7);
  }

  public DatabaseInstance withState(String newState) {
    return new DatabaseInstance(name, uid, creator, creationTime, newState, capacity, pgVersion,
        nodeCount, readableSecondaries, retentionWindowInDays);
  }

  public DatabaseInstance withCapacity(String newCapacity) {
    return new DatabaseInstance(name, uid, creator, creationTime, state, newCapacity, pgVersion,
        nodeCount, readableSecondaries, retentionWindowInDays);
  }

  public DatabaseInstance withReadableSecondaries(int nodes) {
    return new DatabaseInstance(name, uid, creator, creationTime, state, capacity, pgVersion,
        nodes, nodes > 1, retentionWindowInDays);
  }

  /** The host to connect to for read and write (pattern from Databricks' example; UNCONFIRMED). */
  public String readWriteDns() {
    return "instance-" + uid + ".database.cloud.databricks.com";
  }

  /** The API's JSON, with the {@code effective_} output fields a real listing carries. */
  ObjectNode toJson() {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("uid", uid);
    json.put("creator", creator);
    json.put("creation_time", creationTime.toString());
    json.put("state", state);
    json.put("pg_version", pgVersion);
    json.put("capacity", capacity);
    json.put("effective_capacity", capacity);
    json.put("read_write_dns", readWriteDns());
    if (readableSecondaries) {
      json.put("read_only_dns", "instance-ro-" + uid + ".database.cloud.databricks.com");
    }
    json.put("effective_stopped", "STOPPED".equals(state));
    json.put("effective_node_count", nodeCount);
    json.put("effective_enable_readable_secondaries", readableSecondaries);
    json.put("effective_retention_window_in_days", retentionWindowInDays);
    json.put("effective_enable_pg_native_login", false);
    return json;
  }
}
