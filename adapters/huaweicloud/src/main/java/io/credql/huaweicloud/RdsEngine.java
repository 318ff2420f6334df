package io.credql.huaweicloud;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The database engines of Huawei Cloud RDS, named as {@code datastore.type} names them, and the
 * root-password policy of those whose root password the reset API may change.
 */
public enum RdsEngine {
  MYSQL("MySQL", 3306, "root", PasswordPolicy.RDS_MYSQL),
  POSTGRESQL("PostgreSQL", 5432, "root", PasswordPolicy.RDS_POSTGRESQL),
  SQLSERVER("SQLServer", 1433, "rdsuser", null),
  MARIADB("MariaDB", 3306, "root", null);

  private final String apiName;
  private final int defaultPort;
  private final String rootUser;
  private final @Nullable PasswordPolicy rootPasswordPolicy;

  RdsEngine(String apiName, int defaultPort, String rootUser, @Nullable PasswordPolicy rootPasswordPolicy) {
    this.apiName = apiName;
    this.defaultPort = defaultPort;
    this.rootUser = rootUser;
    this.rootPasswordPolicy = rootPasswordPolicy;
  }

  /** {@code MySQL}, {@code PostgreSQL}, {@code SQLServer} or {@code MariaDB}. */
  public String apiName() {
    return apiName;
  }

  public int defaultPort() {
    return defaultPort;
  }

  /** The administrator account ({@code db_user_name}); SQL Server's is UNCONFIRMED. */
  public String rootUser() {
    return rootUser;
  }

  /**
   * The rules for a new root password, or null when the reset API does not serve this engine
   * ("available to RDS for MySQL and RDS for PostgreSQL only").
   */
  public @Nullable PasswordPolicy rootPasswordPolicy() {
    return rootPasswordPolicy;
  }

  /** The engine {@code datastore.type} names (case-sensitive, as the API's filter is), or null. */
  public static @Nullable RdsEngine fromApiName(@Nullable String name) {
    for (RdsEngine engine : values()) {
      if (engine.apiName.equals(name)) {
        return engine;
      }
    }
    return null;
  }
}
