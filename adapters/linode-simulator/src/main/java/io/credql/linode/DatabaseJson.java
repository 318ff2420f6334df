package io.credql.linode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A {@link ManagedDatabase} in the JSON Linode answers with, field for field as in the recorded
 * traffic and the SDK fixtures: the same names, order, nesting and timestamp format.
 */
final class DatabaseJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Linode's timestamps: UTC, seconds, no zone ({@code 2018-01-02T03:04:05}). */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private DatabaseJson() {
  }

  /**
   * The database as an item of a listing. {@code fork}, {@code private_network} and
   * {@code oldest_restore_time} appear only when the database has them, as in the recordings
   * (a freshly created database has none of them).
   */
  static ObjectNode listItem(ManagedDatabase db) {
    final boolean provisioning = db.status() == DatabaseStatus.PROVISIONING;
    final ObjectNode node = NODES.objectNode();
    db.allowList().forEach(node.putArray("allow_list")::add);
    node.put("cluster_size", db.clusterSize());
    node.put("created", timestamp(db.created()));
    node.put("encrypted", db.encrypted());
    node.put("engine", db.engine().apiName());
    if (db.fork() != null) {
      final ObjectNode fork = node.putObject("fork");
      fork.put("restore_time", timestamp(db.fork().restoreTime()));
      fork.put("source", db.fork().source());
    }
    final ObjectNode hosts = node.putObject("hosts");
    final String host = "a" + db.id() + "-akamai-prod-" + (5782000 + db.id()) + "-default.g2a.akamaidb.net";
    hosts.put("primary", host);
    hosts.put("standby", db.clusterSize() > 1 ? "replica-" + host : null);
    node.put("id", db.id());
    node.put("label", db.label());
    final ObjectNode members = node.putObject("members");
    // members are assigned once the nodes exist: a provisioning database has none (as recorded)
    if (!provisioning) {
      for (int i = 0; i < db.clusterSize(); i++) {
        members.put("172.105." + (db.id() % 250) + "." + (10 + i), i == 0 ? "primary" : "failover");
      }
    }
    if (db.oldestRestoreTime() != null && !provisioning) {
      node.put("oldest_restore_time", timestamp(db.oldestRestoreTime()));
    }
    node.put("platform", "rdbms-default");
    node.put("port", db.port());
    node.put("region", db.region());
    node.put("ssl_connection", db.sslConnection());
    node.put("status", db.status().apiName());
    node.put("total_disk_size_gb", db.totalDiskSizeGb());
    node.put("type", db.type());
    node.put("updated", timestamp(db.updated()));
    final ObjectNode updates = node.putObject("updates");
    updates.put("day_of_week", 1);
    updates.put("duration", 3);
    updates.put("frequency", "weekly");
    updates.put("hour_of_day", 0);
    updates.putArray("pending");
    if (provisioning) {
      node.putNull("used_disk_size_gb");
    } else {
      node.put("used_disk_size_gb", db.usedDiskSizeGb());
    }
    node.put("version", db.version());
    if (db.privateNetwork() != null) {
      final ObjectNode network = node.putObject("private_network");
      network.put("vpc_id", db.privateNetwork().vpcId());
      network.put("subnet_id", db.privateNetwork().subnetId());
      network.put("public_access", db.privateNetwork().publicAccess());
    }
    return node;
  }

  /** The database as a single GET returns it: the listing's fields and its engine settings, if any. */
  static ObjectNode detail(ManagedDatabase db) {
    final ObjectNode node = listItem(db);
    final ObjectNode config = db.engineConfig();
    if (config != null) {
      node.set("engine_config", config);
    }
    return node;
  }

  /** The database as an item of the all-engines listing, which adds where to find it. */
  static ObjectNode anyEngineItem(ManagedDatabase db) {
    final ObjectNode node = listItem(db);
    node.put("instance_uri", "/v4/databases/" + db.engine().apiName() + "/instances/" + db.id());
    return node;
  }

  /** The root credentials, {@code {"password": ..., "username": ...}}. */
  static ObjectNode credentials(ManagedDatabase db) {
    final ObjectNode node = NODES.objectNode();
    node.put("password", db.password());
    node.put("username", db.username());
    return node;
  }

  private static String timestamp(LocalDateTime time) {
    return TIMESTAMP.format(time);
  }
}
