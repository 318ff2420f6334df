package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A simulated RDS instance: what {@code GET /v3/{project_id}/instances} reports about it, and its
 * root password (null: the simulator makes one up).
 *
 * @param id     32 hex and an engine suffix ({@code in01} MySQL, {@code in03} PostgreSQL, {@code in04} SQL Server)
 * @param status {@code ACTIVE}, {@code REBOOTING}, {@code BUILD}, ... (provider-apis §6.3)
 * @param type   {@code Single}, {@code Ha} or {@code Replica}
 */
public record RdsInstance(String id, String name, String status, RdsEngine engine, String version, String type,
    String created, @Nullable String rootPassword) implements ListedInstance {
  /**
   * Statuses in which the root password cannot be reset: creating, rebooting, upgrading, changing
   * the instance class, creating or deleting users (provider-apis §6.2); frozen and failed too.
   */
  static final Set<String> NO_PASSWORD_RESET =
      Set.of("BUILD", "REBOOTING", "MODIFYING", "MODIFYING INSTANCE TYPE", "FROZEN", "FAILED");

  public RdsInstance {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(engine, "engine");
    requireNonNull(version, "version");
    requireNonNull(type, "type");
    requireNonNull(created, "created");
  }

  /** An {@code ACTIVE} single-node instance of {@code engine}. */
  public static RdsInstance active(String id, String name, RdsEngine engine, String version) {
    return new RdsInstance(id, name, "ACTIVE", engine, version, "Single", "2024-08-20T02:33:49+0800", null);
  }

  public RdsInstance withStatus(String newStatus) {
    return new RdsInstance(id, name, newStatus, engine, version, type, created, rootPassword);
  }

  public RdsInstance withRootPassword(String newPassword) {
    return new RdsInstance(id, name, status, engine, version, type, created, newPassword);
  }

  /** Whether the root password may be reset in the current status. */
  public boolean allowsPasswordReset() {
    return !NO_PASSWORD_RESET.contains(status);
  }

  /** The listing's item: fields as provider-apis §6.3 shows them. */
  ObjectNode toJson(String region) {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("status", status);
    node.put("name", name);
    node.put("port", engine.defaultPort());
    node.put("type", type);
    node.put("region", region);
    node.putObject("datastore").put("type", engine.apiName()).put("version", version)
        .put("complete_version", version + ".0");
    node.put("created", created);
    node.put("updated", created);
    node.putObject("volume").put("type", "ULTRAHIGH").put("size", 100);
    node.putArray("nodes").addObject()
        .put("id", id.substring(0, 32) + "no01")
        .put("name", name + "_node0")
        .put("role", "master")
        .put("status", status)
        .put("availability_zone", region + "a");
    node.putArray("tags");
    node.putArray("private_ips").add("192.168.0.142");
    node.putArray("private_dns_names");
    node.putArray("public_dns_names");
    node.putArray("public_ips");
    node.put("db_user_name", engine.rootUser());
    node.put("enable_ssl", false);
    node.put("vpc_id", "b21630c1-e7d3-450d-907d-39ef5f445ae7");
    node.put("subnet_id", "45557a98-9e17-4600-8aec-999150bc4eef");
    node.put("security_group_id", "38815c5c-482b-450a-80b6-0a301f2afd97");
    node.put("flavor_ref", "rds." + engine.apiName().toLowerCase(java.util.Locale.ROOT) + ".n1.large.2");
    node.put("cpu", "2");
    node.put("mem", "4");
    node.put("switch_strategy", "");
    node.put("read_only_by_user", false);
    node.putObject("backup_strategy").put("start_time", "19:00-20:00").put("keep_days", 7);
    node.put("maintenance_window", "02:00-06:00");
    node.putArray("related_instance");
    node.put("disk_encryption_id", "");
    node.put("time_zone", "");
    node.put("enterprise_project_id", "0");
    node.putObject("charge_info").put("charge_mode", "postPaid");
    return node;
  }
}
