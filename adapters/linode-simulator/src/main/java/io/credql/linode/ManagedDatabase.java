package io.credql.linode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.LocalDateTime;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One Managed Database as the simulator keeps it: the fields Linode reports about it and its root
 * credentials. Immutable; the simulator replaces it when its status or password changes.
 */
public final class ManagedDatabase {
  /** Where a database forked from another one came from. */
  public record Fork(long source, LocalDateTime restoreTime) {
    public Fork {
      requireNonNull(restoreTime, "restoreTime");
    }
  }

  /** The VPC subnet a database is attached to. */
  public record PrivateNetwork(long vpcId, long subnetId, boolean publicAccess) {
  }

  private final DatabaseEngine engine;
  private final long id;
  private final String label;
  private final DatabaseStatus status;
  private final String region;
  private final String type;
  private final String version;
  private final int clusterSize;
  private final int port;
  private final LocalDateTime created;
  private final LocalDateTime updated;
  private final @Nullable LocalDateTime oldestRestoreTime;
  private final boolean encrypted;
  private final boolean sslConnection;
  private final int totalDiskSizeGb;
  private final int usedDiskSizeGb;
  private final List<String> allowList;
  private final String username;
  private final @Nullable String password;
  private final @Nullable Fork fork;
  private final @Nullable PrivateNetwork privateNetwork;
  private final @Nullable ObjectNode engineConfig;

  private ManagedDatabase(Builder b) {
    this.engine = b.engine;
    this.id = b.id;
    this.label = b.label;
    this.status = b.status;
    this.region = b.region;
    this.type = b.type;
    this.version = b.version != null ? b.version : b.engine.defaultVersion();
    this.clusterSize = b.clusterSize;
    this.port = b.port != 0 ? b.port : b.engine.defaultPort();
    this.created = b.created;
    this.updated = b.updated != null ? b.updated : b.created;
    this.oldestRestoreTime = b.oldestRestoreTime;
    this.encrypted = b.encrypted;
    this.sslConnection = b.sslConnection;
    this.totalDiskSizeGb = b.totalDiskSizeGb;
    this.usedDiskSizeGb = b.usedDiskSizeGb;
    this.allowList = List.copyOf(b.allowList);
    this.username = b.username;
    this.password = b.password;
    this.fork = b.fork;
    this.privateNetwork = b.privateNetwork;
    this.engineConfig = b.engineConfig == null ? null : b.engineConfig.deepCopy();
  }

  /**
   * A builder of an active, single-node database with plausible defaults for every field;
   * {@code id} must be unique across engines, as Linode's database ids are.
   */
  public static Builder builder(DatabaseEngine engine, long id, String label) {
    return new Builder(engine, id, label);
  }

  /** A builder holding this database's fields. */
  public Builder toBuilder() {
    final Builder b = new Builder(engine, id, label);
    b.status = status;
    b.region = region;
    b.type = type;
    b.version = version;
    b.clusterSize = clusterSize;
    b.port = port;
    b.created = created;
    b.updated = updated;
    b.oldestRestoreTime = oldestRestoreTime;
    b.encrypted = encrypted;
    b.sslConnection = sslConnection;
    b.totalDiskSizeGb = totalDiskSizeGb;
    b.usedDiskSizeGb = usedDiskSizeGb;
    b.allowList = allowList;
    b.username = username;
    b.password = password;
    b.fork = fork;
    b.privateNetwork = privateNetwork;
    b.engineConfig = engineConfig;
    return b;
  }

  /** This database with another status. */
  public ManagedDatabase withStatus(DatabaseStatus newStatus) {
    return toBuilder().status(newStatus).build();
  }

  /** This database with another root password. */
  public ManagedDatabase withPassword(String newPassword) {
    return toBuilder().password(newPassword).build();
  }

  public DatabaseEngine engine() {
    return engine;
  }

  public long id() {
    return id;
  }

  public String label() {
    return label;
  }

  public DatabaseStatus status() {
    return status;
  }

  public String region() {
    return region;
  }

  public String type() {
    return type;
  }

  public String version() {
    return version;
  }

  public int clusterSize() {
    return clusterSize;
  }

  public int port() {
    return port;
  }

  public LocalDateTime created() {
    return created;
  }

  public LocalDateTime updated() {
    return updated;
  }

  /** The earliest point it can be restored to; null while it has no backup yet. */
  public @Nullable LocalDateTime oldestRestoreTime() {
    return oldestRestoreTime;
  }

  public boolean encrypted() {
    return encrypted;
  }

  public boolean sslConnection() {
    return sslConnection;
  }

  public int totalDiskSizeGb() {
    return totalDiskSizeGb;
  }

  public int usedDiskSizeGb() {
    return usedDiskSizeGb;
  }

  public List<String> allowList() {
    return allowList;
  }

  /** The root username, unchanged by a credentials reset. */
  public String username() {
    return username;
  }

  /** The root password; null until the simulator generates one at start. */
  public @Nullable String password() {
    return password;
  }

  public @Nullable Fork fork() {
    return fork;
  }

  public @Nullable PrivateNetwork privateNetwork() {
    return privateNetwork;
  }

  /** The engine settings (a copy), or null if none were set. */
  public @Nullable ObjectNode engineConfig() {
    return engineConfig == null ? null : engineConfig.deepCopy();
  }

  @Override public String toString() {
    // never the password: these objects end up in test failure messages
    return engine.apiName() + " database " + id + " '" + label + "' (" + status.apiName() + ")";
  }

  /** Builds a {@link ManagedDatabase}. */
  public static final class Builder {
    private final DatabaseEngine engine;
    private final long id;
    private final String label;
    private DatabaseStatus status = DatabaseStatus.ACTIVE;
    private String region = "us-east";
    private String type = "g6-dedicated-2";
    private @Nullable String version;
    private int clusterSize = 1;
    private int port;
    private LocalDateTime created = LocalDateTime.of(2025, 1, 15, 10, 30, 0);
    private @Nullable LocalDateTime updated;
    private @Nullable LocalDateTime oldestRestoreTime = LocalDateTime.of(2025, 1, 16, 0, 0, 0);
    private boolean encrypted = true;
    private boolean sslConnection = true;
    private int totalDiskSizeGb = 15;
    private int usedDiskSizeGb = 1;
    private List<String> allowList = List.of("203.0.113.1/32", "192.0.1.0/24");
    private String username = "akmadmin";
    private @Nullable String password;
    private @Nullable Fork fork;
    private @Nullable PrivateNetwork privateNetwork;
    private @Nullable ObjectNode engineConfig;

    private Builder(DatabaseEngine engine, long id, String label) {
      this.engine = requireNonNull(engine, "engine");
      this.label = requireNonNull(label, "label");
      if (id <= 0) {
        throw new IllegalArgumentException("id must be positive, not " + id);
      }
      this.id = id;
    }

    public Builder status(DatabaseStatus status) {
      this.status = requireNonNull(status, "status");
      return this;
    }

    public Builder region(String region) {
      this.region = requireNonNull(region, "region");
      return this;
    }

    public Builder type(String type) {
      this.type = requireNonNull(type, "type");
      return this;
    }

    public Builder version(String version) {
      this.version = requireNonNull(version, "version");
      return this;
    }

    /** 1, or 3 for a high-availability cluster (a primary and two failover members). */
    public Builder clusterSize(int clusterSize) {
      if (clusterSize != 1 && clusterSize != 3) {
        throw new IllegalArgumentException("cluster size must be 1 or 3, not " + clusterSize);
      }
      this.clusterSize = clusterSize;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder created(LocalDateTime created) {
      this.created = requireNonNull(created, "created");
      return this;
    }

    public Builder updated(LocalDateTime updated) {
      this.updated = requireNonNull(updated, "updated");
      return this;
    }

    public Builder oldestRestoreTime(@Nullable LocalDateTime oldestRestoreTime) {
      this.oldestRestoreTime = oldestRestoreTime;
      return this;
    }

    public Builder encrypted(boolean encrypted) {
      this.encrypted = encrypted;
      return this;
    }

    public Builder sslConnection(boolean sslConnection) {
      this.sslConnection = sslConnection;
      return this;
    }

    public Builder diskSizeGb(int total, int used) {
      this.totalDiskSizeGb = total;
      this.usedDiskSizeGb = used;
      return this;
    }

    public Builder allowList(List<String> allowList) {
      this.allowList = List.copyOf(allowList);
      return this;
    }

    public Builder username(String username) {
      this.username = requireNonNull(username, "username");
      return this;
    }

    /** A fixed root password; without one, the simulator generates a random one when it starts. */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    public Builder fork(@Nullable Fork fork) {
      this.fork = fork;
      return this;
    }

    public Builder privateNetwork(@Nullable PrivateNetwork privateNetwork) {
      this.privateNetwork = privateNetwork;
      return this;
    }

    public Builder engineConfig(@Nullable ObjectNode engineConfig) {
      this.engineConfig = engineConfig == null ? null : engineConfig.deepCopy();
      return this;
    }

    public ManagedDatabase build() {
      return new ManagedDatabase(this);
    }
  }
}
