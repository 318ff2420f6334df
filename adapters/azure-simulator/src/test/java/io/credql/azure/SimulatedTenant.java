package io.credql.azure;

import io.credql.ConformanceDocuments;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The Azure tenant the simulator's tests run against: a simulator of the demo flexible servers
 * that registers the application whose {@code AZURE_*} variables surefire sets, and the
 * connections that reach it through credql's {@code azure_default} auth.
 */
final class SimulatedTenant {
  static final String TENANT = "00000000-0000-0000-0000-0000000ea7e1";
  static final String CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";
  static final String CLIENT_SECRET = "test-azure-client-secret";

  private SimulatedTenant() {
  }

  /** A simulator of the demo servers with the tests' application registered, to build and start. */
  static FlexibleServersSimulator.Builder demo() {
    return FlexibleServersSimulator.builder().application(TENANT, CLIENT_ID, CLIENT_SECRET)
        .dataset(FlexibleServersDataset.demo());
  }

  /** A connection whose {@code azure} calls and tokens go to {@code simulator}, with {@code more} properties. */
  static Connection connect(FlexibleServersSimulator simulator, Properties more) throws SQLException {
    final Properties properties = new Properties();
    properties.putAll(more);
    properties.setProperty("baseUrl.azure", simulator.baseUrl());
    properties.setProperty("auth", "{\"azure\": {\"type\": \"azure_default\", \"authority_host\": \""
        + simulator.baseUrl() + "\"}}");
    return DriverManager.getConnection("jdbc:credql:", properties);
  }

  /** A connection to {@code simulator} that reads StackQL's registry documents instead of credql's. */
  static Connection connectWithRegistryDocuments(FlexibleServersSimulator simulator) throws SQLException {
    final Properties registry = new Properties();
    registry.setProperty("providers", ConformanceDocuments.stackqlRegistry().toString());
    return connect(simulator, registry);
  }
}
