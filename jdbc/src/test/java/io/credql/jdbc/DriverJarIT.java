package io.credql.jdbc;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.aws.AwsSimulator;
import io.credql.azure.FlexibleServersDataset;
import io.credql.azure.FlexibleServersSimulator;
import io.credql.google.CloudSqlDataset;
import io.credql.google.CloudSqlSimulator;
import io.credql.server.CredqlServer;
import io.credql.server.Role;
import io.credql.server.ServerSettings;
import io.credql.server.UsersFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A BI tool loads {@code credql-jdbc.jar} alone, in a class loader of its own: the jar is small,
 * carries no simulator, and connects to a provider (here a loopback fake of Linode's API), to each
 * cloud through its own sign-in (against the simulators, which run outside the jar), and to a team
 * server. The jar keeps only the library classes it reaches, so each of these paths is walked here:
 * a class left out fails this test, not a user.
 */
class DriverJarIT {
  /**
   * The budget BI tools are promised. Calcite (8 MB, its ~5,600 classes) is kept whole, as its
   * generated code names its classes; ProGuard keeps of the other libraries what the driver reaches
   * (jdbc/proguard.pro), so each path below is one a missing member would break.
   */
  private static final long MOST_BYTES = 20L * 1024 * 1024;
  private static final Path JAR = Path.of(System.getProperty("credql.jdbc.jar", "target/credql-jdbc.jar"));

  private static LoopbackJsonServer linode;
  private static URLClassLoader loader;
  private static Driver driver;

  @TempDir Path directory;

  /** Loaded once, as a BI tool does: each test pays for its own path, not for Calcite's cold start again. */
  @BeforeAll static void startFakeLinodeAndLoadTheJar() throws Exception {
    linode = LoopbackJsonServer.routes().route("/v4/databases/postgresql/instances", request -> {
      if (!request.path().endsWith("/instances")) {
        // the credentials path below shares this prefix
        final String id = request.path().split("/")[5];
        return Answer.json("{\"username\": \"linroot\", \"password\": \"pw-" + id + "\"}");
      }
      return Answer.json("{\"data\": [{\"id\": 123, \"label\": \"orders-db\", \"status\": \"active\","
          + " \"region\": \"us-east\"}, {\"id\": 124, \"label\": \"audit-db\", \"status\": \"suspended\","
          + " \"region\": \"eu-west\"}], \"page\": 1, \"pages\": 1, \"results\": 2}");
    }).start();
    // the platform loader as parent: nothing of credql comes from the test's own class path
    loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    driver = (Driver) Class.forName("io.credql.jdbc.Driver", true, loader).getDeclaredConstructor().newInstance();
  }

  @BeforeEach void forgetRequests() {
    linode.forget();
  }

  @AfterAll static void stop() throws IOException {
    linode.close();
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
    assertEquals(List.of("Bearer jdbc-test-linode-token"),
        linode.requests().stream().map(LoopbackJsonServer.Request::authorization).toList());
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

  /** AWS Signature Version 4 (the AWS SDK's signer), checked by the simulator as AWS checks it. */
  @Test void awsCallsAreSignedFromTheJar() throws SQLException {
    try (AwsSimulator aws = AwsSimulator.builder().accessKey(System.getenv("AWS_ACCESS_KEY_ID"))
        .secretKey(System.getenv("AWS_SECRET_ACCESS_KEY")).build().start();
         Connection connection = driver.connect("jdbc:credql:" + aws.jdbcProperties(), new Properties());
         Statement statement = connection.createStatement()) {
      assertTrue(lines(statement.executeQuery("SELECT DBInstanceIdentifier FROM aws.rds.db_instances"
          + " WHERE region = 'us-east-1'")).contains("orders-db"));
    }
  }

  /** A Google service account's RS256 assertion (nimbus-jose-jwt) exchanged for a token. */
  @Test void googleCallsCarryAServiceAccountTokenFromTheJar() throws Exception {
    try (CloudSqlSimulator google = CloudSqlSimulator.builder().dataset(CloudSqlDataset.demo()).build().start()) {
      // surefire names this file in GOOGLE_CREDENTIALS: the key's token_uri is the simulator's
      Files.writeString(Path.of(System.getenv("GOOGLE_CREDENTIALS")), google.serviceAccountKeyJson());
      try (Connection connection = driver.connect("jdbc:credql:baseUrl.google=" + google.baseUrl(), new Properties());
           Statement statement = connection.createStatement()) {
        assertTrue(lines(statement.executeQuery("SELECT name FROM google.sqladmin.instances"
            + " WHERE project = '" + CloudSqlDataset.DEMO_PROJECT + "'")).contains("orders-pg"));
      }
      assertEquals(1, google.tokenRequestCount());
    }
  }

  /** An Entra ID application's client secret exchanged for a token by MSAL for Java. */
  @Test void azureCallsCarryAnEntraIdTokenFromTheJar() throws SQLException {
    try (FlexibleServersSimulator azure = FlexibleServersSimulator.builder()
        .application(System.getenv("AZURE_TENANT_ID"), System.getenv("AZURE_CLIENT_ID"), System.getenv("AZURE_CLIENT_SECRET"))
        .dataset(FlexibleServersDataset.demo()).build().start()) {
      final Properties properties = new Properties();
      properties.setProperty("baseUrl.azure", azure.baseUrl());
      properties.setProperty("auth", "{\"azure\": {\"type\": \"azure_default\", \"authority_host\": \""
          + azure.baseUrl() + "\"}}");
      try (Connection connection = driver.connect("jdbc:credql:", properties);
           Statement statement = connection.createStatement()) {
        assertTrue(lines(statement.executeQuery("SELECT name FROM azure.postgresql_flexible_servers.servers"
            + " WHERE subscription_id = '" + FlexibleServersDataset.DEMO_SUBSCRIPTION + "'")).contains("orders-pg-flex"));
      }
    }
  }

  /** {@code remote=}: Avatica's thin client, its protobuf encoding and HTTP client, all from the jar. */
  @Test void aTeamServerAnswersThroughTheJar() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users).add("ann", Role.of("reader"), Set.of(), "ann-password".toCharArray());
    final Properties served = new Properties();
    served.setProperty("baseUrl.linode", linodeUrl());
    try (CredqlServer server = CredqlServer.start(ServerSettings.of(users, served))) {
      final Properties login = new Properties();
      login.setProperty("user", "ann");
      login.setProperty("password", "ann-password");
      try (Connection connection = driver.connect("jdbc:credql:remote=" + server.url(), login);
           PreparedStatement prepared = connection.prepareStatement(
               "SELECT id, label FROM linode.databases.postgresql_instances WHERE region = ? ORDER BY id")) {
        prepared.setString(1, "eu-west");
        assertEquals(List.of("124 audit-db"), lines(prepared.executeQuery()));
      }
    }
  }

  private static Connection connect() throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.linode", linodeUrl());
    return driver.connect("jdbc:credql:", properties);
  }

  private static String linodeUrl() {
    return linode.url("/v4");
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
