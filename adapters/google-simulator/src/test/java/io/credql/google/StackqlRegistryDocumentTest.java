package io.credql.google;

import io.credql.ConformanceDocuments;
import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's own Google document (the registry's {@code googleapis.com} provider and its
 * {@code sqladmin} service, unchanged, with its {@code service_account} auth) dropped in with
 * {@code providers=}, against the simulator: the statements that run on credql's bundled document
 * run on StackQL's too.
 */
class StackqlRegistryDocumentTest {
  private static final String PROJECT = CloudSqlDataset.DEMO_PROJECT;
  private static CloudSqlSimulator sim;

  @BeforeAll static void start() throws IOException {
    sim = CloudSqlSimulator.builder().dataset(CloudSqlDataset.demo()).pageSize(2).build().start();
    GoogleKeyFile.write(sim.serviceAccountKeyJson());
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forget() {
    sim.resetRequests();
  }

  private static Connection connect() throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("providers", ConformanceDocuments.stackqlRegistry().toString());
    properties.setProperty("baseUrl.google", sim.baseUrl());
    return DriverManager.getConnection("jdbc:credql:", properties);
  }

  @Test void theRegistrysInstancesUsersAndPasswordUpdateRunAgainstTheSimulator() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final List<List<String>> instances = QueryRows.of(s, "SELECT name, databaseVersion FROM google.sqladmin.instances"
          + " WHERE project = '" + PROJECT + "'");
      assertEquals(sim.instances().size(), instances.size(), instances.toString());
      assertTrue(instances.contains(List.of("orders-pg", "POSTGRES_16")), instances.toString());
      final List<List<String>> users = QueryRows.of(s, "SELECT name FROM google.sqladmin.users"
          + " WHERE project = '" + PROJECT + "' AND instance = 'orders-pg'");
      assertEquals(List.of(List.of("postgres"), List.of("app_rw")), users);
      final List<List<String>> operation = QueryRows.of(s, "EXEC google.sqladmin.users.update @project = '"
          + PROJECT + "', @instance = 'orders-pg', @name = 'postgres' @@json = '{\"password\": \"Registry-pw-01\"}'");
      assertEquals(1, operation.size(), operation.toString());
    }
    assertEquals(1, sim.tokenRequestCount(), "the registry's service_account auth: one token for every call");
  }
}
