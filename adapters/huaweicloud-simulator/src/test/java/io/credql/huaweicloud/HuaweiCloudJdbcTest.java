package io.credql.huaweicloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_GAUSSDB_ACTIVE;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_GAUSSDB_FROZEN;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_PROJECT_ID;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_MYSQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_POSTGRESQL;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_REBOOTING;
import static io.credql.huaweicloud.HuaweiCloudDataset.DEMO_RDS_SQLSERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Huawei Cloud through credql's JDBC driver against the simulator: what a user of
 * {@code huaweicloud.gaussdb} and {@code huaweicloud.rds} sees. Surefire sets
 * {@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK}; the simulator accepts that pair.
 */
class HuaweiCloudJdbcTest {
  private static final String REGION = "ap-southeast-1";
  private static final String PROJECT = "@region = '" + REGION + "' @project_id = '" + DEMO_PROJECT_ID + "' ";
  private static final String WHERE_PROJECT = " WHERE region = '" + REGION + "' AND project_id = '"
      + DEMO_PROJECT_ID + "'";
  private static final String RESET_ROOT = "/rds/v3/" + DEMO_PROJECT_ID + "/instances/[^/]+/password";
  /** The seeds' method name, {@code reset}, unquoted although RESET is a reserved word in Calcite. */
  private static final String GAUSSDB_RESET = "EXEC huaweicloud.gaussdb.db_user_password.reset ";
  private static final String RDS_RESET = "EXEC huaweicloud.rds.root_password.reset ";
  private static final String LIST_RDS = "/rds/v3/" + DEMO_PROJECT_ID + "/instances";

  private static HuaweiCloudSimulator sim;

  @BeforeAll static void start() {
    sim = HuaweiCloudSimulator.builder()
        .accessKey(System.getenv("HUAWEICLOUD_SDK_AK"))
        .secretKey(System.getenv("HUAWEICLOUD_SDK_SK"))
        .build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forgetRequests() {
    sim.resetRequests();
  }

  private static Connection connect(String more) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:" + sim.jdbcProperties() + more);
  }

  private static List<List<String>> rows(String sql, String... columns) throws SQLException {
    return rowsWith("", sql, columns);
  }

  private static List<List<String>> rowsWith(String properties, String sql, String... columns) throws SQLException {
    try (Connection c = connect(properties); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (String column : columns) {
          row.add(rs.getString(column));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static SQLException failure(String sql) {
    return failure("", sql);
  }

  private static SQLException failure(String properties, String sql) {
    return assertThrows(SQLException.class, () -> rowsWith(properties, sql, "message"));
  }

  private static String resetAccount(String instance, String name, String password) {
    return GAUSSDB_RESET + PROJECT + "@instance_id = '" + instance
        + "' @name = '" + name + "' @password = '" + password + "'";
  }

  private static String resetRoot(String instance, String password) {
    return RDS_RESET + PROJECT + "@instance_id = '" + instance
        + "' @db_user_pwd = '" + password + "'";
  }

  @Test void gaussDbInstancesOfAProjectAreListedWithTheirStatus() throws SQLException {
    assertEquals(List.of(List.of(DEMO_GAUSSDB_ACTIVE, "gauss-orders", "ACTIVE", "8000"),
            List.of(DEMO_GAUSSDB_FROZEN, "gauss-legacy", "FROZEN", "8000")),
        rows("SELECT id, name, status, port FROM huaweicloud.gaussdb.instances" + WHERE_PROJECT,
            "id", "name", "status", "port"));
    assertEquals(1, sim.requestCount());
  }

  @Test void theDatabaseAccountsOfAGaussDbInstanceAreListed() throws SQLException {
    assertEquals(List.of(List.of("root", "false"), List.of("app_user", "false"), List.of("report_reader", "false")),
        rows("SELECT name, lock_status FROM huaweicloud.gaussdb.db_users" + WHERE_PROJECT
            + " AND instance_id = '" + DEMO_GAUSSDB_ACTIVE + "'", "name", "lock_status"));
  }

  @Test void accountsAcrossSeveralPagesAreAllListedFollowingOffsetUpToTotalCount() throws SQLException {
    sim.resetRequests();
    assertEquals(List.of(List.of("root"), List.of("app_user"), List.of("report_reader")),
        rows("SELECT name FROM huaweicloud.gaussdb.db_users" + WHERE_PROJECT
            + " AND instance_id = '" + DEMO_GAUSSDB_ACTIVE + "' AND \"limit\" = 2", "name"));
    assertEquals(2, sim.requestCount());
  }

  @Test void rdsInstancesShowTheirEngineAndAnIdFilterIsSent() throws SQLException {
    final List<List<String>> all = rows("SELECT name, datastore FROM huaweicloud.rds.instances" + WHERE_PROJECT,
        "name", "datastore");
    assertEquals(4, all.size());
    assertTrue(all.get(2).get(1).contains("\"type\":\"SQLServer\""), all.toString());
    assertEquals(List.of(List.of("pg-billing")), rows("SELECT name FROM huaweicloud.rds.instances" + WHERE_PROJECT
        + " AND id = '" + DEMO_RDS_POSTGRESQL + "'", "name"));
    assertTrue(sim.requests().get(1).getUrl().endsWith("?id=" + DEMO_RDS_POSTGRESQL), sim.requests().get(1).getUrl());
  }

  @Test void listingWithoutAProjectSaysWhatIsMissingAndSendsNothing() {
    final SQLException e = failure("SELECT id FROM huaweicloud.rds.instances WHERE region = 'ap-southeast-1'");
    assertTrue(e.getMessage().contains("project_id"), e.getMessage());
    assertTrue(e.getMessage().contains("SHOW METHODS IN huaweicloud.rds.instances"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void resettingAGaussDbAccountPasswordChangesItWithOneSignedPut() throws SQLException {
    assertEquals(List.of(List.of("The operation was despatched successfully")),
        rows(resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", "App_User_Rotated_2025"), "message"));
    assertEquals("App_User_Rotated_2025", sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "app_user"));
    assertEquals(1, sim.requestCount());
    assertEquals(1, sim.requestCount("PUT",
        "/gaussdb/v3/" + DEMO_PROJECT_ID + "/instances/" + DEMO_GAUSSDB_ACTIVE + "/db-user/password"));
    assertTrue(sim.requests().get(0).getHeader("Authorization").startsWith("SDK-HMAC-SHA256 Access="));
  }

  @Test void anInvalidGaussDbPasswordIsRefusedWithEveryRuleItBreaksAndNothingIsSent() {
    final String before = sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "app_user");
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", "short$"));
    assertTrue(e.getMessage().contains("8 to 32 characters"), e.getMessage());
    assertTrue(e.getMessage().contains("special characters ~!@#%^*-_=+?,"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 3 of"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    assertFalse(e.getMessage().contains("short$"), "the password is never shown: " + e.getMessage());
    assertEquals(0, sim.requestCount());
    assertEquals(before, sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "app_user"));
  }

  @Test void theAccountNameSpelledBackwardsIsRefusedBeforeSending() {
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_ACTIVE, "Report_Reader_1", "1_redaeR_tropeR"));
    assertTrue(e.getMessage().contains("the account name spelled backwards"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aSystemAccountIsRefusedBeforeSending() {
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_ACTIVE, "rdsAdmin", "Strong_Pass_2025"));
    assertTrue(e.getMessage().contains("account rdsAdmin is a GaussDB system account"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aFrozenInstanceReportsHuaweisCodeAndMessage() {
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_FROZEN, "legacy_app", "Strong_Pass_2025"));
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains("[DBS.200086] This operation is not allowed by the DB instance status."),
        e.getMessage());
    assertEquals(1, sim.requestCount());
  }

  @Test void theCurrentPasswordAgainIsRefusedByHuawei() {
    final String current = sim.accountPassword(DEMO_GAUSSDB_ACTIVE, "root");
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_ACTIVE, "root", current));
    assertTrue(e.getMessage().contains("[DBS.200475] New password should not equal to the old one."), e.getMessage());
    assertFalse(e.getMessage().contains(current), "the password is never shown: " + e.getMessage());
  }

  @Test void aPasswordThatKeepsEveryRuleCanStillBeHuaweisWeakPassword() {
    final SQLException e = failure(resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", "Huawei@123"));
    assertTrue(e.getMessage().contains("[DBS.200068] This is a weak password."), e.getMessage());
  }

  @Test void resettingAMysqlRootPasswordReadsTheEngineThenPostsOnce() throws SQLException {
    rows(resetRoot(DEMO_RDS_MYSQL, "Shop(Root)$2025"), "message");
    assertEquals("Shop(Root)$2025", sim.rootPassword(DEMO_RDS_MYSQL));
    assertEquals(1, sim.requestCount("GET", LIST_RDS));
    assertEquals(1, sim.requestCount("POST", RESET_ROOT));
  }

  @Test void aRootPasswordNoEngineAcceptsIsRefusedWithoutEvenReadingTheInstance() {
    final SQLException e = failure(resetRoot(DEMO_RDS_MYSQL, "short"));
    assertTrue(e.getMessage().contains("8 to 32 characters"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 3 of"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aPostgresqlRootPasswordWithMysqlOnlyCharactersIsRefusedAfterReadingTheEngine() {
    final String before = sim.rootPassword(DEMO_RDS_POSTGRESQL);
    final SQLException e = failure(resetRoot(DEMO_RDS_POSTGRESQL, "Billing$Root2025"));
    assertTrue(e.getMessage().contains("for RDS for PostgreSQL, the password may contain only letters, digits and"
        + " the special characters ~!@#%^*-_=+?,"), e.getMessage());
    assertEquals(1, sim.requestCount("GET", LIST_RDS));
    assertEquals(0, sim.requestCount("POST", RESET_ROOT));
    assertEquals(before, sim.rootPassword(DEMO_RDS_POSTGRESQL));
  }

  @Test void aSqlServerRootPasswordCannotBeResetAndNoResetIsSent() {
    final SQLException e = failure(resetRoot(DEMO_RDS_SQLSERVER, "Strong_Pass_2025"));
    assertTrue(e.getMessage().contains("This API is available to RDS for MySQL and RDS for PostgreSQL only"),
        e.getMessage());
    assertEquals(0, sim.requestCount("POST", RESET_ROOT));
  }

  @Test void aRebootingRdsInstanceReportsDbs200086() {
    final SQLException e = failure(resetRoot(DEMO_RDS_REBOOTING, "Strong_Pass_2025"));
    assertTrue(e.getMessage().contains("[DBS.200086]"), e.getMessage());
  }

  @Test void aRootResetOfAnInstanceThatDoesNotExistReportsDbs200002() {
    final SQLException e = failure(resetRoot("ffffffffffffffffffffffffffffffffin01", "Strong_Pass_2025"));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("[DBS.200002] The DB instance does not exist."), e.getMessage());
  }

  @Test void aRegionThatWouldChangeTheHostIsRefusedAndNothingIsSent() {
    for (String region : List.of("evil.com/x", "cn-north-4.evil.com", "evil.com#", "x@evil.com")) {
      final String where = " WHERE region = '" + region + "' AND project_id = '" + DEMO_PROJECT_ID + "'";
      final SQLException select = failure("SELECT id FROM huaweicloud.gaussdb.instances" + where);
      assertTrue(select.getMessage().contains("region"), select.getMessage());
      assertTrue(select.getMessage().contains("single DNS label"), select.getMessage());
      final SQLException exec = failure(RDS_RESET + "@region = '" + region
          + "' @project_id = '" + DEMO_PROJECT_ID + "' @instance_id = '" + DEMO_RDS_MYSQL
          + "' @db_user_pwd = 'Strong_Pass_2025'");
      assertTrue(exec.getMessage().contains("single DNS label"), exec.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test void aDryRunShowsTheResetWithThePasswordMaskedAndSendsNothing() throws SQLException {
    final List<List<String>> gauss = rowsWith(";dryRun=true",
        resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", "Dry_Run_Pass_2025"), "method", "url", "body");
    assertEquals(List.of(List.of("PUT", sim.gaussDbBaseUrl() + "/v3/" + DEMO_PROJECT_ID + "/instances/"
        + DEMO_GAUSSDB_ACTIVE + "/db-user/password", "{\"name\":\"app_user\",\"password\":\"********\"}")), gauss);
    final List<List<String>> rds = rowsWith(";dryRun=true", resetRoot(DEMO_RDS_POSTGRESQL, "Dry_Run_Pass_2025"),
        "method", "body");
    assertEquals(List.of(List.of("POST", "{\"db_user_pwd\":\"********\"}")), rds);
    assertEquals(0, sim.requestCount(), "a dry run reads nothing either");
  }

  @Test void aDryRunStillRefusesAPasswordThatBreaksTheRules() {
    final SQLException e = failure(";dryRun=true", resetAccount(DEMO_GAUSSDB_ACTIVE, "app_user", "weakpassword"));
    assertTrue(e.getMessage().contains("at least 3 of"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void theWrongSecretKeyIsReportedAsApigw0301AndTheKeyIsNotShown() {
    try (HuaweiCloudSimulator other = HuaweiCloudSimulator.builder().accessKey(System.getenv("HUAWEICLOUD_SDK_AK"))
        .secretKey("the-secret-key-huawei-expects").build().start()) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (Connection c = DriverManager.getConnection("jdbc:credql:" + other.jdbcProperties());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM huaweicloud.rds.instances" + WHERE_PROJECT)) {
          rs.next();
        }
      });
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertTrue(e.getMessage().contains("[APIGW.0301] Incorrect IAM authentication information: verify aksk"
          + " signature fail"), e.getMessage());
      assertFalse(e.getMessage().contains(System.getenv("HUAWEICLOUD_SDK_SK")), e.getMessage());
      assertEquals(1, other.requestCount(), "an authentication failure is not retried");
    }
  }

  @Test void aMissingKeyVariableIsNamedAndNothingIsSent() {
    final SQLException e = failure(
        ";auth={\"huaweicloud\":{\"type\":\"huaweicloud_aksk\",\"akenvvar\":\"CREDQL_UNSET_AK\"}}",
        "SELECT id FROM huaweicloud.gaussdb.instances" + WHERE_PROJECT);
    assertTrue(e.getMessage().contains("CREDQL_UNSET_AK"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void theResetMethodsNeedExactlyTheParametersTheSeedsName() throws SQLException {
    assertEquals(List.of(List.of("reset", "instance_id, project_id, name, password, region")),
        rows("SHOW METHODS IN huaweicloud.gaussdb.db_user_password", "MethodName", "RequiredParams"));
    assertEquals(List.of(List.of("reset", "instance_id, project_id, db_user_pwd, region")),
        rows("SHOW METHODS IN huaweicloud.rds.root_password", "MethodName", "RequiredParams"));
  }
}
