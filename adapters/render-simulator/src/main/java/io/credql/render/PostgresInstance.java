package io.credql.render;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One Render Postgres instance as the simulator keeps it: the fields Render reports about it and
 * its Render-managed users in the order they were created. Immutable; the simulator replaces it
 * when its users change.
 *
 * <p>Render makes every new user the default, and refuses to delete the default, so the default
 * user is always the most recently created one still present: {@link #defaultUser()}.
 */
public final class PostgresInstance {
  /** Render's regions (the {@code region} enum of its API). */
  public static final Set<String> REGIONS = Set.of("oregon", "frankfurt", "ohio", "singapore", "virginia");
  /** Render's instance ids: {@code dpg-} and lower-case letters and digits, as in its examples. */
  private static final Pattern ID = Pattern.compile("dpg-[a-z0-9]{20}");

  /** The workspace an instance belongs to. */
  public record Owner(String id, String name, String email, String type) {
    public Owner {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(email, "email");
      if (!"user".equals(type) && !"team".equals(type)) {
        throw new IllegalArgumentException("owner type must be user or team, not " + type);
      }
    }
  }

  /** An entry of an instance's IP allow list. */
  public record AllowedCidr(String cidrBlock, String description) {
    public AllowedCidr {
      requireNonNull(cidrBlock, "cidrBlock");
      requireNonNull(description, "description");
    }
  }

  private final String id;
  private final String name;
  private final String databaseName;
  private final String databaseUser;
  private final String region;
  private final String plan;
  private final String version;
  private final String status;
  private final List<String> suspenders;
  private final String role;
  private final @Nullable String primaryPostgresId;
  private final boolean highAvailabilityEnabled;
  private final boolean diskAutoscalingEnabled;
  private final int diskSizeGb;
  private final boolean connectionPooled;
  private final @Nullable String environmentId;
  private final Owner owner;
  private final List<AllowedCidr> ipAllowList;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final List<PostgresUser> users;
  private final boolean originalUserDeactivated;

  private PostgresInstance(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.databaseName = b.databaseName;
    this.databaseUser = b.databaseUser;
    this.region = b.region;
    this.plan = b.plan;
    this.version = b.version;
    this.status = b.status;
    this.suspenders = List.copyOf(b.suspenders);
    this.role = b.primaryPostgresId == null ? "primary" : "replica";
    this.primaryPostgresId = b.primaryPostgresId;
    this.highAvailabilityEnabled = b.highAvailabilityEnabled;
    this.diskAutoscalingEnabled = b.diskAutoscalingEnabled;
    this.diskSizeGb = b.diskSizeGb;
    this.connectionPooled = b.connectionPooled;
    this.environmentId = b.environmentId;
    this.owner = b.owner;
    this.ipAllowList = List.copyOf(b.ipAllowList);
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt != null ? b.updatedAt : b.createdAt;
    this.originalUserDeactivated = b.originalUserDeactivated;
    this.users = b.users != null ? List.copyOf(b.users)
        : List.of(PostgresUser.of(b.databaseUser, b.createdAt));
    if (users.isEmpty()) {
      throw new IllegalArgumentException(id + " needs at least one user: Render keeps a default user");
    }
  }

  /**
   * A builder of an available primary instance with plausible defaults for every field and one
   * user, its original one ({@code databaseUser}), which is therefore the default.
   */
  public static Builder builder(String id, String name) {
    return new Builder(id, name);
  }

  /** A builder holding this instance's fields and users. */
  public Builder toBuilder() {
    final Builder b = new Builder(id, name);
    b.databaseName = databaseName;
    b.databaseUser = databaseUser;
    b.region = region;
    b.plan = plan;
    b.version = version;
    b.status = status;
    b.suspenders = suspenders;
    b.primaryPostgresId = primaryPostgresId;
    b.highAvailabilityEnabled = highAvailabilityEnabled;
    b.diskAutoscalingEnabled = diskAutoscalingEnabled;
    b.diskSizeGb = diskSizeGb;
    b.connectionPooled = connectionPooled;
    b.environmentId = environmentId;
    b.owner = owner;
    b.ipAllowList = ipAllowList;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.users = users;
    b.originalUserDeactivated = originalUserDeactivated;
    return b;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String databaseName() {
    return databaseName;
  }

  /** The user created with the database, which Render never fully deletes. */
  public String databaseUser() {
    return databaseUser;
  }

  public String region() {
    return region;
  }

  public String plan() {
    return plan;
  }

  public String version() {
    return version;
  }

  /** Render's {@code status}, e.g. {@code available}. */
  public String status() {
    return status;
  }

  /** Who suspended it; empty when it is not suspended. */
  public List<String> suspenders() {
    return suspenders;
  }

  /** {@code suspended} or {@code not_suspended}, as Render reports it. */
  public String suspended() {
    return suspenders.isEmpty() ? "not_suspended" : "suspended";
  }

  /** {@code primary}, or {@code replica} when it has a primary. */
  public String role() {
    return role;
  }

  public @Nullable String primaryPostgresId() {
    return primaryPostgresId;
  }

  public boolean highAvailabilityEnabled() {
    return highAvailabilityEnabled;
  }

  public boolean diskAutoscalingEnabled() {
    return diskAutoscalingEnabled;
  }

  public int diskSizeGb() {
    return diskSizeGb;
  }

  /** Whether it has a PgBouncer pool ({@code connectionPool: pgbouncer}). */
  public boolean connectionPooled() {
    return connectionPooled;
  }

  public @Nullable String environmentId() {
    return environmentId;
  }

  public Owner owner() {
    return owner;
  }

  public List<AllowedCidr> ipAllowList() {
    return ipAllowList;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** Its Render-managed users, oldest first. */
  public List<PostgresUser> users() {
    return users;
  }

  /** The default user: the most recently created one, whose credentials connection info shows. */
  public PostgresUser defaultUser() {
    return users.get(users.size() - 1);
  }

  /** The user called {@code username}, or null. */
  public @Nullable PostgresUser user(String username) {
    for (PostgresUser user : users) {
      if (user.username().equals(username)) {
        return user;
      }
    }
    return null;
  }

  /** Whether the original user was "deleted": Render revokes its login but keeps the role. */
  public boolean originalUserDeactivated() {
    return originalUserDeactivated;
  }

  /** The host other Render services in its region reach it at. */
  public String internalHost() {
    return id + "-a";
  }

  /** The host it is reached at from outside Render. */
  public String externalHost() {
    return internalHost() + "." + region + "-postgres.render.com";
  }

  /** This instance with its users replaced (oldest first; the last is the default). */
  PostgresInstance withUsers(List<PostgresUser> newUsers, boolean originalDeactivated, Instant now) {
    final Builder b = toBuilder();
    b.users = new ArrayList<>(newUsers);
    b.originalUserDeactivated = originalDeactivated;
    b.updatedAt = now;
    return b.build();
  }

  @Override public String toString() {
    return "Postgres " + id + " '" + name + "' (" + status + ", default user " + defaultUser().username() + ")";
  }

  /** Builds a {@link PostgresInstance}. */
  public static final class Builder {
    private final String id;
    private final String name;
    private String databaseName = "app";
    private String databaseUser = "app_user";
    private String region = "oregon";
    private String plan = "basic_1gb";
    private String version = "16";
    private String status = "available";
    private List<String> suspenders = List.of();
    private @Nullable String primaryPostgresId;
    private boolean highAvailabilityEnabled;
    private boolean diskAutoscalingEnabled;
    private int diskSizeGb = 15;
    private boolean connectionPooled;
    private @Nullable String environmentId;
    private Owner owner = new Owner("tea-d0demoteam0000000000", "Demo Team", "team@example.com", "team");
    private List<AllowedCidr> ipAllowList = List.of(new AllowedCidr("0.0.0.0/0", "everywhere"));
    private Instant createdAt = Instant.parse("2025-01-15T10:30:00Z");
    private @Nullable Instant updatedAt;
    private @Nullable List<PostgresUser> users;
    private boolean originalUserDeactivated;

    private Builder(String id, String name) {
      this.id = requireNonNull(id, "id");
      this.name = requireNonNull(name, "name");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a Render Postgres id is dpg- and 20 lower-case letters"
            + " or digits, not " + id);
      }
    }

    public Builder databaseName(String databaseName) {
      this.databaseName = requireNonNull(databaseName, "databaseName");
      return this;
    }

    /** The original user; unless {@link #users} says otherwise, also the only and default one. */
    public Builder databaseUser(String databaseUser) {
      this.databaseUser = requireNonNull(databaseUser, "databaseUser");
      return this;
    }

    public Builder region(String region) {
      requireNonNull(region, "region");
      if (!REGIONS.contains(region)) {
        throw new IllegalArgumentException("unknown Render region " + region + "; known: " + REGIONS);
      }
      this.region = region;
      return this;
    }

    public Builder plan(String plan) {
      this.plan = requireNonNull(plan, "plan");
      return this;
    }

    public Builder version(String version) {
      this.version = requireNonNull(version, "version");
      return this;
    }

    public Builder status(String status) {
      this.status = requireNonNull(status, "status").toLowerCase(Locale.ROOT);
      return this;
    }

    /** Suspends it, by {@code suspenders} (e.g. {@code user}, {@code billing}); none resumes it. */
    public Builder suspendedBy(String... suspenders) {
      this.suspenders = List.of(suspenders);
      if (suspenders.length > 0) {
        this.status = "suspended";
      }
      return this;
    }

    /** Makes it a read replica of {@code primaryId}. */
    public Builder replicaOf(String primaryId) {
      this.primaryPostgresId = requireNonNull(primaryId, "primaryId");
      return this;
    }

    public Builder highAvailabilityEnabled(boolean enabled) {
      this.highAvailabilityEnabled = enabled;
      return this;
    }

    public Builder diskAutoscalingEnabled(boolean enabled) {
      this.diskAutoscalingEnabled = enabled;
      return this;
    }

    public Builder diskSizeGb(int diskSizeGb) {
      this.diskSizeGb = diskSizeGb;
      return this;
    }

    public Builder connectionPooled(boolean pooled) {
      this.connectionPooled = pooled;
      return this;
    }

    public Builder environmentId(@Nullable String environmentId) {
      this.environmentId = environmentId;
      return this;
    }

    public Builder owner(Owner owner) {
      this.owner = requireNonNull(owner, "owner");
      return this;
    }

    public Builder ipAllowList(List<AllowedCidr> ipAllowList) {
      this.ipAllowList = List.copyOf(ipAllowList);
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = requireNonNull(createdAt, "createdAt");
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /** Its users, oldest first; the last one is the default. */
    public Builder users(List<PostgresUser> users) {
      this.users = List.copyOf(users);
      return this;
    }

    public PostgresInstance build() {
      return new PostgresInstance(this);
    }
  }
}
