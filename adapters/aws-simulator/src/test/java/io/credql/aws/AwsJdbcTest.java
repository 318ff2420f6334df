package io.credql.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS through credql's JDBC driver against the simulator: what a user of {@code aws.rds} and
 * {@code aws.secretsmanager} sees, with credql's bundled documents. Surefire sets
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}; the simulator accepts that pair.
 */
class AwsJdbcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = " region = 'us-east-1' ";
  private static AwsSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedAccount.withTestKeys().extraInstances(45).build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static Connection connect(String more) throws SQLException {
    return DriverManager.getConnection(SimulatedAccount.bundledDocuments(sim) + more);
  }

  private static List<String> column(String sql, int index) throws SQLException {
    try (Connection connection = connect(""); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      final List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(index));
      }
      return values;
    }
  }

  private static SQLException failure(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    });
  }

  @Test
  void everyDbInstanceOfTheRegionIsListedAcrossMarkerPages() throws SQLException {
    final int before = sim.requestCount("/rds.*");
    final List<String> instances = column("SELECT DBInstanceIdentifier FROM aws.rds.db_instances WHERE" + REGION
        + "AND MaxRecords = 20", 1);
    assertEquals(50, instances.size(), instances.toString());
    assertTrue(instances.containsAll(List.of("orders-db", "billing-mysql", "fleet-045")));
    assertEquals(3, sim.requestCount("/rds.*") - before, "three pages of 20");
  }

  @Test
  void oneInstanceAndItsEngineAndEndpoint() throws SQLException {
    try (Connection connection = connect(""); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT Engine, DBInstanceStatus, MasterUsername, Endpoint"
             + " FROM aws.rds.db_instances WHERE" + REGION + "AND DBInstanceIdentifier = 'orders-db'")) {
      assertTrue(rows.next());
      assertEquals("postgres", rows.getString(1));
      assertEquals("available", rows.getString(2));
      assertEquals("postgres", rows.getString(3));
      assertEquals(5432, JSON.readTree(rows.getString(4)).get("Port").asInt());
      assertFalse(rows.next());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void secretsAreListedAndAValueIsRead() throws SQLException {
    assertEquals(List.of("prod/orders-db/master", "prod/billing-mysql/master"),
        column("SELECT Name FROM aws.secretsmanager.secrets WHERE" + REGION, 1));
    final String value = column("SELECT SecretString FROM aws.secretsmanager.secret_values WHERE" + REGION
        + "AND SecretId = 'prod/orders-db/master'", 1).get(0);
    assertTrue(value.contains("\"username\":\"postgres\""), value);
  }

  @Test
  void aPasswordRdsWouldRefuseIsRefusedWithEveryRuleAndNothingIsSent() {
    final long before = modifications();
    final SQLException e = failure("EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1',"
        + " @DBInstanceIdentifier = 'ledger-oracle', @MasterUserPassword = 'Tom&Jerry@\"home\"/x', @ApplyImmediately = true");
    assertTrue(e.getMessage().contains("the master password may not contain '\"', '&' (for Oracle), '/', '@'"),
        e.getMessage());
    assertFalse(e.getMessage().contains("Tom&Jerry"), e.getMessage());
    assertEquals(before, modifications(), "nothing was sent but the read of the instance's engine");
  }

  private static long modifications() {
    return sim.requests().stream().filter(r -> r.getUrl().contains("Action=ModifyDB")).count();
  }

  @Test
  void theEnginesLengthLimitIsLearntFromTheInstance() {
    final SQLException e = failure("EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1',"
        + " @DBInstanceIdentifier = 'ledger-oracle', @MasterUserPassword = '" + "Long-Oracle-Password-".repeat(2)
        + "', @ApplyImmediately = true");
    assertTrue(e.getMessage().contains("RDS for oracle-ee may have at most 30 characters"), e.getMessage());
  }

  @Test
  void theMasterPasswordIsChanged() throws SQLException {
    try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
      statement.execute("EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1',"
          + " @DBInstanceIdentifier = 'billing-mysql', @MasterUserPassword = 'Jdbc-Billing-2025', @ApplyImmediately = true");
    }
    assertEquals("Jdbc-Billing-2025", sim.instancePassword("us-east-1", "billing-mysql"));
  }

  @Test
  void rdsRefusalsComeBackWithAwsCodeAndMessage() {
    final SQLException busy = failure("EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1',"
        + " @DBInstanceIdentifier = 'reports-db', @MasterUserPassword = 'Valid-Reports-2025', @ApplyImmediately = true");
    assertTrue(busy.getMessage().contains("InvalidDBInstanceState"), busy.getMessage());
    assertTrue(busy.getMessage().contains("Database instance is not in available state."), busy.getMessage());
    final SQLException missing = failure("SELECT * FROM aws.secretsmanager.secret_values WHERE" + REGION
        + "AND SecretId = 'no/such/secret'");
    assertTrue(missing.getMessage().contains("ResourceNotFoundException")
        || missing.getMessage().contains("can't find the specified secret"), missing.getMessage());
  }

  @Test
  void aMissingKeyVariableIsNamedAndNothingIsSent() {
    final int before = sim.requestCount();
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection connection = connect(";auth={\"aws\": {\"type\": \"aws_signing_v4\","
          + " \"keyIDenvvar\": \"CREDQL_TEST_UNSET_KEY_ID\", \"credentialsenvvar\": \"AWS_SECRET_ACCESS_KEY\"}}");
           Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT Name FROM aws.secretsmanager.secrets WHERE" + REGION).next();
      }
    });
    assertTrue(e.getMessage().contains("CREDQL_TEST_UNSET_KEY_ID"), e.getMessage());
    assertEquals(before, sim.requestCount());
  }
}
