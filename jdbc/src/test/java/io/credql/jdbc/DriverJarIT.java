package io.credql.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A BI tool loads {@code credql-jdbc.jar} alone, in a class loader of its own: the jar is small,
 * carries no simulator, and connects to a provider (here a loopback fake of Linode's API).
 */
class DriverJarIT {
  /**
   * Today's budget; the goal is 20 MB. Calcite is 9.5 MB of the jar, and Avatica's wire format and
   * HTTP client must stay though a local connection never sends (its connection properties name
   * them); next to cut: what Calcite reaches but credql never runs (JTS, sketches, commons-math).
   */
  private static final long MOST_BYTES = 28L * 1024 * 1024;
  private static final Path JAR = Path.of(System.getProperty("credql.jdbc.jar", "target/credql-jdbc.jar"));

  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private HttpServer linode;
  private URLClassLoader loader;
  private Driver driver;

  @BeforeEach void startFakeLinodeAndLoadTheJar() throws Exception {
    linode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    linode.createContext("/v4/databases/postgresql/instances", exchange -> {
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!exchange.getRequestURI().getPath().endsWith("/instances")) {
        // the credentials path below shares this prefix
        final String id = exchange.getRequestURI().getPath().split("/")[5];
        respond(exchange, "{\"username\": \"linroot\", \"password\": \"pw-" + id + "\"}");
        return;
      }
      respond(exchange, "{\"data\": [{\"id\": 123, \"label\": \"orders-db\", \"status\": \"active\","
          + " \"region\": \"us-east\"}, {\"id\": 124, \"label\": \"audit-db\", \"status\": \"suspended\","
          + " \"region\": \"eu-west\"}], \"page\": 1, \"pages\": 1, \"results\": 2}");
    });
    linode.start();
    // the platform loader as parent: nothing of credql comes from the test's own class path
    loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    driver = (Driver) Class.forName("io.credql.jdbc.Driver", true, loader).getDeclaredConstructor().newInstance();
  }

  @AfterEach void stop() throws IOException {
    linode.stop(0);
    loader.close();
  }

  @Test void theDriverJarStaysWithinItsSizeBudget() throws IOException {
    final long size = Files.size(JAR);
    assertTrue(size <= MOST_BYTES, "credql-jdbc.jar is " + size + " bytes, more than " + MOST_BYTES);
  }

  @Test void theDriverJarHoldsNoSimulatorWireMockOrJetty() throws IOException {
    final List<String> found = new ArrayList<>();
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      jar.stream().map(entry -> entry.getName()).filter(DriverJarIT::belongsToTheSandbox).forEach(found::add);
    }
    assertEquals(List.of(), found);
  }

  @Test void theDriverJarConnectsToAProvider() throws SQLException {
    try (Connection connection = connect();
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT id, label, status FROM linode.databases.postgresql_instances WHERE status = 'active'")) {
      assertTrue(rows.next());
      assertEquals(123, rows.getLong("id"));
      assertEquals("orders-db", rows.getString("label"));
      assertEquals("active", rows.getString("status"));
      assertFalse(rows.next());
    }
    assertEquals(List.of("Bearer jdbc-test-linode-token"), authorizations);
  }

  /** The jar keeps only the library classes it reaches: every kind of statement still finds what it needs. */
  @Test void joinsParametersAggregatesAndStackqlStatementsWorkFromTheJar() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertEquals(List.of("123 linroot pw-123", "124 linroot pw-124"), lines(statement.executeQuery(
          "SELECT i.id, c.username, c.password FROM linode.databases.postgresql_instances i"
              + " JOIN linode.databases.postgresql_instances_credentials c ON c.instanceId = i.id ORDER BY i.id")));
      try (PreparedStatement prepared = connection.prepareStatement(
          "SELECT upper(username), length(password) FROM linode.databases.postgresql_instances_credentials"
              + " WHERE instanceId = ?")) {
        prepared.setLong(1, 124);
        assertEquals(List.of("LINROOT 6"), lines(prepared.executeQuery()));
      }
      assertEquals(List.of("2 us-east"), lines(statement.executeQuery(
          "SELECT count(*), max(region) FROM linode.databases.postgresql_instances")));
      assertTrue(lines(statement.executeQuery("SHOW PROVIDERS")).stream().anyMatch(line -> line.startsWith("linode ")));
      assertFalse(lines(statement.executeQuery(
          "DESCRIBE linode.databases.postgresql_instances_credentials")).isEmpty());
    }
  }

  private Connection connect() throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.linode", "http://127.0.0.1:" + linode.getAddress().getPort() + "/v4");
    return driver.connect("jdbc:credql:", properties);
  }

  /** Each row as its values joined by spaces. */
  private static List<String> lines(ResultSet rows) throws SQLException {
    final List<String> lines = new ArrayList<>();
    try (rows) {
      final int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        final StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i > 1 ? " " : "").append(rows.getString(i));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }

  private static void respond(HttpExchange exchange, String json) throws IOException {
    final byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test void theSandboxAsksForTheJarThatHasIt() {
    final SQLException e = assertThrows(SQLException.class, () -> driver.connect("jdbc:credql:sandbox=true", new Properties()));
    assertTrue(e.getMessage().startsWith("sandbox=true needs the simulators, which this driver jar does not include"),
        e.getMessage());
    assertTrue(e.getMessage().contains("credql.jar"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** WireMock (also relocated as {@code wiremock.}), Jetty, the sandbox and the simulators' registrations. */
  private static boolean belongsToTheSandbox(String entry) {
    return entry.startsWith("com/github/tomakehurst/")
        || entry.startsWith("wiremock/")
        || entry.startsWith("org/wiremock/")
        || entry.startsWith("org/eclipse/jetty/")
        || entry.startsWith("io/credql/sandbox/")
        || entry.equals("META-INF/services/io.credql.spi.ProviderSimulator")
        || entry.equals("META-INF/services/io.credql.spi.SandboxFactory")
        || entry.endsWith("Simulator.class") && !entry.startsWith("io/credql/spi/");
  }
}
