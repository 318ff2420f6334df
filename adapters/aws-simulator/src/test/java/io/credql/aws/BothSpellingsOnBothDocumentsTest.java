package io.credql.aws;

import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same statements, written with AWS's PascalCase names or with their snake_case aliases, run
 * on credql's bundled {@code aws} documents and on StackQL's registry documents (unchanged, which
 * declare {@code snake_case_aliases}) against the simulator, and do the same thing.
 */
class BothSpellingsOnBothDocumentsTest {
  private static AwsSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedAccount.withTestKeys().build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** credql's bundled documents, or the registry's with {@code providers=}. */
  private enum Documents {
    BUNDLED, REGISTRY
  }

  private static Connection connect(Documents documents) throws SQLException {
    return DriverManager.getConnection(documents == Documents.REGISTRY ? SimulatedAccount.registryDocuments(sim)
        : SimulatedAccount.bundledDocuments(sim));
  }

  private static List<List<String>> rows(Documents documents, String sql) throws SQLException {
    try (Connection c = connect(documents); Statement s = c.createStatement()) {
      return QueryRows.of(s, sql);
    }
  }

  private static void run(Documents documents, String sql) throws SQLException {
    try (Connection c = connect(documents); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void selectGivesTheSameRowsInEitherSpellingOnEitherDocument() throws SQLException {
    final List<List<String>> expected = rows(Documents.BUNDLED, "SELECT DBInstanceIdentifier, Engine,"
        + " DBInstanceStatus FROM aws.rds.db_instances WHERE region = 'us-east-1' ORDER BY DBInstanceIdentifier");
    assertEquals(List.of("billing-mysql", "mysql", "available"), expected.get(0), expected.toString());
    for (Documents documents : Documents.values()) {
      assertEquals(expected, rows(documents, "SELECT DBInstanceIdentifier, Engine, DBInstanceStatus"
          + " FROM aws.rds.db_instances WHERE region = 'us-east-1' ORDER BY DBInstanceIdentifier"), documents.name());
      assertEquals(expected, rows(documents, "SELECT db_instance_identifier, engine, db_instance_status"
          + " FROM aws.rds.db_instances WHERE region = 'us-east-1' ORDER BY db_instance_identifier"), documents.name());
    }
  }

  @Test
  void aParameterThatIsAlsoAFieldNarrowsTheCallInEitherSpelling() throws SQLException {
    for (Documents documents : Documents.values()) {
      for (String name : List.of("DBInstanceIdentifier", "db_instance_identifier")) {
        sim.resetRequests();
        assertEquals(List.of(List.of("orders-db", "postgres")), rows(documents, "SELECT " + name + ", Engine"
            + " FROM aws.rds.db_instances WHERE region = 'us-east-1' AND " + name + " = 'orders-db'"),
            documents + " " + name);
        assertEquals(1, sim.requests().stream()
            .filter(r -> r.getBodyAsString().contains("DBInstanceIdentifier=orders-db")).count(), documents + " " + name);
      }
    }
  }

  @Test
  void execSetsTheMasterPasswordWithEitherSpellingOnEitherDocument() throws SQLException {
    int n = 0;
    for (Documents documents : Documents.values()) {
      for (String[] names : List.of(
          new String[] {"DBInstanceIdentifier", "MasterUserPassword", "ApplyImmediately"},
          new String[] {"db_instance_identifier", "master_user_password", "apply_immediately"})) {
        final String password = "Exec-Billing-" + (++n) + "x2025";
        run(documents, "EXEC aws.rds.db_instances.modify_db_instance @region = 'us-east-1', @" + names[0]
            + " = 'billing-mysql', @" + names[1] + " = '" + password + "', @" + names[2] + " = true");
        assertEquals(password, sim.instancePassword("us-east-1", "billing-mysql"), documents + " " + names[0]);
      }
    }
  }

  @Test
  void updateSetsTheMasterPasswordWithEitherSpellingOnEitherDocument() throws SQLException {
    int n = 0;
    for (Documents documents : Documents.values()) {
      for (String[] names : List.of(
          new String[] {"DBInstanceIdentifier", "MasterUserPassword", "ApplyImmediately"},
          new String[] {"db_instance_identifier", "master_user_password", "apply_immediately"})) {
        final String password = "Update-Billing-" + (++n) + "x2025";
        run(documents, "UPDATE aws.rds.db_instances SET " + names[1] + " = '" + password + "', " + names[2]
            + " = true WHERE region = 'us-east-1' AND " + names[0] + " = 'billing-mysql'");
        assertEquals(password, sim.instancePassword("us-east-1", "billing-mysql"), documents + " " + names[0]);
      }
    }
  }
}
