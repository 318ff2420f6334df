package io.credql.huaweicloud;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The project a simulator serves: its id and region, its GaussDB instances and its RDS instances.
 */
public final class HuaweiCloudDataset {
  /** The sandbox's project id: 32 hex characters, as Huawei's are (the API documents' example). */
  public static final String DEMO_PROJECT_ID = "0483b6b16e954cb88930a360d2c4e663";
  public static final String DEMO_REGION = "ap-southeast-1";
  /** Demo GaussDB instances: one active, one frozen. */
  public static final String DEMO_GAUSSDB_ACTIVE = "b331ed66cc3249f78bc20737308c01f4in14";
  public static final String DEMO_GAUSSDB_FROZEN = "7d2a9f3b1c8e4d6fa0b5c2e9d4f1a3b7in14";
  /** Demo RDS instances: MySQL, PostgreSQL and SQL Server, all active, and a MySQL one rebooting. */
  public static final String DEMO_RDS_MYSQL = "ed7cc6166ec24360a5ed5c5c9c2ed726in01";
  public static final String DEMO_RDS_POSTGRESQL = "c4a1e3f5b7d94e2a8c6f1b3d5e7a9c0bin03";
  public static final String DEMO_RDS_SQLSERVER = "9e8d7c6b5a4f43e2d1c0b9a8f7e6d5c4in04";
  public static final String DEMO_RDS_REBOOTING = "3f6b9d2c5e8a41b7c0d3e6f9a2b5c8d1in01";

  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9]{32}");

  private final String projectId;
  private final String region;
  private final List<GaussDbInstance> gaussDbInstances;
  private final List<RdsInstance> rdsInstances;

  private HuaweiCloudDataset(String projectId, String region, List<GaussDbInstance> gaussDbInstances,
      List<RdsInstance> rdsInstances) {
    this.projectId = requireNonNull(projectId, "projectId");
    if (!PROJECT_ID.matcher(projectId).matches()) {
      throw new IllegalArgumentException("a project id has 32 letters and digits, not '" + projectId + "'");
    }
    this.region = requireNonNull(region, "region");
    this.gaussDbInstances = List.copyOf(gaussDbInstances);
    this.rdsInstances = List.copyOf(rdsInstances);
    final Set<String> ids = new HashSet<>();
    gaussDbInstances.forEach(i -> unique(ids, i.id()));
    rdsInstances.forEach(i -> unique(ids, i.id()));
  }

  private static void unique(Set<String> ids, String id) {
    if (!ids.add(id)) {
      throw new IllegalArgumentException("two instances have id " + id);
    }
  }

  public static HuaweiCloudDataset of(String projectId, String region, List<GaussDbInstance> gaussDbInstances,
      List<RdsInstance> rdsInstances) {
    return new HuaweiCloudDataset(projectId, region, gaussDbInstances, rdsInstances);
  }

  /**
   * The sandbox's project in {@code ap-southeast-1}: GaussDB {@code gauss-orders} (active; accounts
   * {@code root}, {@code app_user}, {@code report_reader}) and {@code gauss-legacy} (frozen, so
   * its passwords cannot be reset); RDS {@code mysql-shop}, {@code pg-billing}, {@code sqlserver-erp}
   * (active) and {@code mysql-reporting} (rebooting). Passwords are generated when the simulator starts.
   */
  public static HuaweiCloudDataset demo() {
    return of(DEMO_PROJECT_ID, DEMO_REGION,
        List.of(
            GaussDbInstance.active(DEMO_GAUSSDB_ACTIVE, "gauss-orders",
                new GaussDbAccount("root", true, null), GaussDbAccount.of("app_user"),
                GaussDbAccount.of("report_reader")),
            GaussDbInstance.active(DEMO_GAUSSDB_FROZEN, "gauss-legacy",
                new GaussDbAccount("root", true, null), GaussDbAccount.of("legacy_app"))
                .withStatus("FROZEN")),
        List.of(
            RdsInstance.active(DEMO_RDS_MYSQL, "mysql-shop", RdsEngine.MYSQL, "8.0"),
            RdsInstance.active(DEMO_RDS_POSTGRESQL, "pg-billing", RdsEngine.POSTGRESQL, "16"),
            RdsInstance.active(DEMO_RDS_SQLSERVER, "sqlserver-erp", RdsEngine.SQLSERVER, "2022_SE"),
            RdsInstance.active(DEMO_RDS_REBOOTING, "mysql-reporting", RdsEngine.MYSQL, "5.7")
                .withStatus("REBOOTING")));
  }

  public String projectId() {
    return projectId;
  }

  public String region() {
    return region;
  }

  public List<GaussDbInstance> gaussDbInstances() {
    return gaussDbInstances;
  }

  public List<RdsInstance> rdsInstances() {
    return rdsInstances;
  }
}
