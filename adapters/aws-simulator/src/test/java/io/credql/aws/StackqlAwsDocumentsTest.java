package io.credql.aws;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's own aws provider documents (the registry's, unchanged, from shared/conformance) against
 * the simulator: the same statements as with credql's documents give the same rows, and the
 * requests on the wire are signed and shaped as AWS's APIs take them.
 */
class StackqlAwsDocumentsTest {
  private static AwsSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedAccount.withTestKeys().build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<String> column(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SimulatedAccount.registryDocuments(sim));
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      final List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  @Test
  void theRegistrysRdsDocumentListsTheInstancesOverTheQueryProtocol() throws SQLException {
    sim.resetRequests();
    final List<String> instances = column("SELECT db_instance_identifier FROM aws.rds.db_instances"
        + " WHERE region = 'us-east-1'");
    assertTrue(instances.containsAll(List.of("orders-db", "billing-mysql", "ledger-oracle")), instances.toString());
    final LoggedRequest request = sim.requests().get(0);
    assertEquals("POST", request.getMethod().getName());
    assertTrue(request.getBodyAsString().startsWith("Action=DescribeDBInstances&Version=2014-10-31"),
        request.getBodyAsString());
    assertTrue(request.getHeader("Authorization").contains("/us-east-1/rds/aws4_request"));
  }

  @Test
  void theRegistrysSecretsManagerDocumentListsAndReadsSecretsOverJson11() throws SQLException {
    sim.resetRequests();
    assertEquals(List.of("prod/orders-db/master", "prod/billing-mysql/master"),
        column("SELECT Name FROM aws.secretsmanager.secrets WHERE region = 'us-east-1'"));
    final LoggedRequest request = sim.requests().get(0);
    assertEquals("secretsmanager.ListSecrets", request.getHeader("X-Amz-Target"));
    assertTrue(request.getHeader("Content-Type").startsWith("application/x-amz-json-1.1"));
    assertTrue(column("SELECT secret_string FROM aws.secretsmanager.secret_values WHERE region = 'us-east-1'"
        + " AND secret_id = 'prod/orders-db/master'").get(0).contains("\"username\":\"postgres\""));
  }
}
