package io.credql.linode;

import io.credql.ConformanceDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StackQL's own Linode document (from its provider registry, with its resource names) against the
 * simulator: the simulator serves what StackQL's users query, not only credql's bundled document.
 */
class StackqlRegistryDocumentTest {
  /** Surefire runs in the module's directory; the registry copy is at the repository's root. */
  private static final Path REGISTRY = ConformanceDocuments.stackqlRegistry();

  private static LinodeSimulator sim;

  @BeforeAll static void start() {
    sim = LinodeSimulator.builder().token("test-linode-token").dataset(LinodeDataset.demo()).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + REGISTRY + ";baseUrl.linode=" + sim.baseUrl());
  }

  @Test void stackqlsCredentialsResourceReadsTheSimulatorsCredentials() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT username, password FROM linode.databases.postgresql_instance_credentials WHERE instanceId = '123'")) {
      assertTrue(rs.next());
      assertEquals(sim.username(DatabaseEngine.POSTGRESQL, 123), rs.getString("username"));
      assertEquals(sim.password(DatabaseEngine.POSTGRESQL, 123), rs.getString("password"));
      assertFalse(rs.next());
    }
  }

  @Test void stackqlsListingsReadTheSimulatorsDatabases() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT id, label, status FROM linode.databases.mysql_instances")) {
      assertTrue(rs.next());
      assertEquals(131L, rs.getLong("id"));
      assertEquals("shop-catalog", rs.getString("label"));
      assertEquals("active", rs.getString("status"));
    }
  }

  @Test void stackqlsResetChangesThePasswordAndEveryResourceIsDescribed() throws SQLException {
    final String before = sim.password(DatabaseEngine.POSTGRESQL, 124);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "EXEC linode.databases.postgresql_instance_credentials.reset_credentials @instanceId = '124'")) {
        assertTrue(rs.next());
        assertEquals("The operation was despatched successfully", rs.getString("message"));
      }
      final java.util.List<String> resources = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery("SHOW RESOURCES IN linode.databases")) {
        while (rs.next()) {
          resources.add(rs.getString("name"));
        }
      }
      assertEquals(11, resources.size(), resources.toString());
      for (String resource : resources) {
        try (ResultSet rs = s.executeQuery("DESCRIBE linode.databases." + resource)) {
          assertTrue(rs.next(), resource);
        }
      }
    }
    assertFalse(before.equals(sim.password(DatabaseEngine.POSTGRESQL, 124)));
  }

  @Test void aQueryOfOneProviderReadsNoOtherProvidersDocuments() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM linode.databases.mysql_instances")) {
      assertTrue(rs.next());
      final io.credql.session.ProviderCatalog catalog = c.unwrap(io.credql.session.ProviderCatalog.class);
      assertTrue(catalog.isLoaded("linode"));
      assertFalse(catalog.isLoaded("databricks_workspace"));
    }
  }
}
