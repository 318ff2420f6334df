package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A simulated GaussDB (for openGauss) instance: what {@code GET /v3/{project_id}/instances}
 * reports about it, and its database accounts.
 *
 * @param id       36 letters and digits, as GaussDB's ids (32 hex and {@code in14})
 * @param status   {@code ACTIVE}, {@code FROZEN}, {@code BUILD}, ... (provider-apis §5.3)
 * @param type     {@code Enterprise} (distributed) or {@code Ha} (primary/standby)
 * @param accounts the database accounts, in listing order
 */
public record GaussDbInstance(String id, String name, String status, String type, String version, int port,
    String created, String privateIp, List<GaussDbAccount> accounts) implements ListedInstance {
  /**
   * Statuses in which an account's password cannot be reset: creating, changing specifications,
   * frozen, abnormal (provider-apis §5.2).
   */
  static final Set<String> NO_PASSWORD_RESET = Set.of("BUILD", "EXPANDING", "FROZEN", "FAILED");

  public GaussDbInstance {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(type, "type");
    requireNonNull(version, "version");
    requireNonNull(created, "created");
    requireNonNull(privateIp, "privateIp");
    accounts = List.copyOf(accounts);
  }

  /** An {@code ACTIVE} primary/standby instance on port 8000 with {@code accounts}. */
  public static GaussDbInstance active(String id, String name, GaussDbAccount... accounts) {
    return new GaussDbInstance(id, name, "ACTIVE", "Ha", "3.223", 8000, "2025-03-04 09:15:22 UTC",
        "192.168.16.253", List.of(accounts));
  }

  public GaussDbInstance withStatus(String newStatus) {
    return new GaussDbInstance(id, name, newStatus, type, version, port, created, privateIp, accounts);
  }

  public GaussDbInstance withAccounts(List<GaussDbAccount> newAccounts) {
    return new GaussDbInstance(id, name, status, type, version, port, created, privateIp, newAccounts);
  }

  /** Whether an account's password may be reset in the current status. */
  public boolean allowsPasswordReset() {
    return !NO_PASSWORD_RESET.contains(status);
  }

  /** The listing's item: fields as provider-apis §5.3 shows them. */
  ObjectNode toJson(String region) {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("name", name);
    node.put("status", status);
    node.putArray("private_ips").add(privateIp);
    node.putArray("public_ips");
    node.put("port", port);
    node.put("type", type);
    node.putObject("ha").put("mode", type).put("replication_mode", "sync").put("consistency", "strong");
    node.put("region", region);
    node.putObject("datastore").put("type", "GaussDB").put("version", version);
    node.put("created", created);
    node.put("updated", created);
    node.put("db_user_name", "root");
    node.put("vpc_id", "19e5d45d-70fd-4a91-87e9-b27e71c9891f");
    node.put("subnet_id", "bd51fb45-2dcb-4296-8783-8623bfe89bb7");
    node.put("security_group_id", "38815c5c-482b-450a-80b6-0a301f2afd97");
    node.put("flavor_ref", "gaussdb.opengauss.ee.m6.2xlarge.x868.ha");
    node.putObject("volume").put("type", "ULTRAHIGH").put("size", 120);
    node.put("switch_strategy", "reliability");
    node.putObject("backup_strategy").put("start_time", "19:00-20:00").put("keep_days", 7);
    node.put("maintenance_window", "02:00-06:00");
    node.putArray("nodes").addObject()
        .put("id", id.substring(0, 32) + "no14")
        .put("name", name + "_gaussdbv5cn_1")
        .put("role", "master")
        .put("status", status)
        .put("availability_zone", region + "a")
        .put("private_ip", privateIp);
    node.put("enterprise_project_id", "0");
    node.put("time_zone", "UTC+08:00");
    node.putObject("charge_info").put("charge_mode", "postPaid");
    node.putArray("tags");
    return node;
  }
}
