package io.credql.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.audit.AuditRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import schemacrawler.crawl.SchemaCrawler;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaRetrievalOptionsBuilder;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team shares one credql server over TLS: analysts connect with Avatica's thin driver or
 * credql's own, see secrets only as their role allows, and every change and every read of a
 * secret is recorded with the user's name and address.
 */
class TeamServerTest {
  @TempDir static Path directory;
  static SelfSignedCertificate tls;
  static Path users;
  static Path audit;
  static CredqlServer server;
  static long instanceId;
  static String botToken;

  @BeforeAll static void startServer() throws Exception {
    tls = SelfSignedCertificate.in(directory);
    users = directory.resolve("users");
    addUser("ann", "reader", "ann-password");
    addUser("aud", "auditor", "aud-password");
    addUser("op", "operator", "op-password");
    new UsersFile(users, 4).add("renderonly", Role.OPERATOR, Set.of("render"), "ro-password".toCharArray());
    botToken = new UsersFile(users).addToken("bot", Role.READER, Set.of());
    audit = directory.resolve("audit.jsonl");
    final Properties connection = new Properties();
    connection.setProperty("sandbox", "true");
    connection.setProperty("auditLog", audit.toString());
    server = CredqlServer.start(ServerSettings.of(users, connection).withTls(tls.certificate, tls.key)
        .withMaxRequestBytes(64 * 1024));
    try (Connection c = thin("ann", "ann-password"); Statement s = c.createStatement();
         ResultSet rows = s.executeQuery("SELECT id FROM linode.databases.postgresql_instances LIMIT 1")) {
      assertTrue(rows.next());
      instanceId = rows.getLong(1);
    }
  }

  @AfterAll static void stopServer() {
    server.close();
  }

  /** Adds a user with a cheap hash (the command's own cost is tested in {@link UserAddCommandTest}). */
  static void addUser(String name, String role, String password) throws Exception {
    new UsersFile(users, 4).add(name, Role.of(role), Set.of(), password.toCharArray());
  }

  static Properties login(String user, String password) {
    final Properties login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    login.setProperty("trustStore", tls.trustStore.toString());
    login.setProperty("trustStorePassword", SelfSignedCertificate.TRUST_STORE_PASSWORD);
    return login;
  }

  static Connection thin(String user, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=" + user + ";avatica_password=" + password
        + ";truststore=" + tls.trustStore + ";truststore_password=" + SelfSignedCertificate.TRUST_STORE_PASSWORD);
  }

  static List<JsonNode> auditRecords() throws Exception {
    return Files.exists(audit) ? AuditRecords.read(audit).records() : List.of();
  }

  private static String credentialsQuery(String columns) {
    return "SELECT " + columns + " FROM linode.databases.postgresql_instances_credentials WHERE instanceId = "
        + instanceId;
  }

  @Test void aWrongPasswordIsRefusedWithoutSayingWhatWasWrong() {
    final Exception thinWrong = assertThrows(Exception.class, () -> thin("ann", "not-her-password").close());
    assertTrue(thinWrong.getMessage().contains("401"), thinWrong.getMessage());
    final String remote = "jdbc:credql:remote=" + server.url();
    final SQLException wrong = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(remote, login("ann", "not-her-password")).close());
    final SQLException unknown = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(remote, login("nobody", "whatever")).close());
    assertEquals("the credql server at " + server.url() + " refused the login (HTTP 401): check the user and"
        + " password (or token) properties", wrong.getMessage());
    assertEquals(wrong.getMessage(), unknown.getMessage(), "an unknown user and a wrong password look alike");
  }

  @Test void aReaderSeesSecretsMaskedEvenThroughExpressions() throws Exception {
    try (Connection c = thin("ann", "ann-password"); Statement s = c.createStatement();
         ResultSet rows = s.executeQuery(credentialsQuery("username, password, upper(password) AS shouted"))) {
      assertTrue(rows.next());
      assertFalse(rows.getString("username").isEmpty());
      assertEquals("********", rows.getString("password"));
      assertEquals("********", rows.getString("shouted"));
    }
  }

  @Test void anAuditorSeesSecretsAndTheReadIsRecordedWithoutTheValue() throws Exception {
    final String password;
    try (Connection c = thin("aud", "aud-password"); Statement s = c.createStatement();
         ResultSet rows = s.executeQuery(credentialsQuery("username, password"))) {
      assertTrue(rows.next());
      password = rows.getString("password");
    }
    assertNotEquals("********", password);
    final List<JsonNode> reads = auditRecords().stream()
        .filter(r -> r.path("event").asText().equals("secret_read") && r.path("user").asText().equals("aud"))
        .collect(Collectors.toList());
    assertEquals(1, reads.size(), reads.toString());
    assertEquals("127.0.0.1", reads.get(0).path("client").asText());
    assertTrue(reads.get(0).path("resources").toString().contains("postgresql_instances_credentials"));
    assertEquals("[\"password\"]", reads.get(0).path("columns").toString(), "the resource's name is no column");
    assertEquals(credentialsQuery("username, password"), reads.get(0).path("statement").asText(),
        "which credential was read");
    assertFalse(Files.readString(audit).contains(password), "the audit log holds no secret value");
  }

  @Test void aReaderCannotResetAndNothingIsSent() throws Exception {
    final int recordsBefore = auditRecords().size();
    try (Connection c = thin("ann", "ann-password"); Statement s = c.createStatement()) {
      final SQLException refused = assertThrows(SQLException.class, () -> s.execute(
          "EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset"
          + " @instanceId = " + instanceId));
      assertTrue(refused.getMessage().contains("user 'ann' has the role reader; EXEC needs the role operator"),
          refused.getMessage());
      assertThrows(SQLException.class, () -> s.execute(
          "DELETE FROM linode.databases.postgresql_instances WHERE instanceId = " + instanceId));
    }
    assertEquals(recordsBefore, auditRecords().size(), "no intent was recorded: nothing was sent");
  }

  @Test void anOperatorsResetIsAuditedWithTheUsersNameAndAddress() throws Exception {
    try (Connection c = thin("op", "op-password"); Statement s = c.createStatement()) {
      s.execute("EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset"
          + " @instanceId = " + instanceId);
    }
    final List<JsonNode> resets = auditRecords().stream()
        .filter(r -> r.path("method").asText().equals("postDatabasesPostgreSQLInstanceCredentialsReset"))
        .collect(Collectors.toList());
    assertEquals(List.of("intent", "outcome"), resets.stream().map(r -> r.path("event").asText())
        .collect(Collectors.toList()));
    for (JsonNode record : resets) {
      assertEquals("op", record.path("user").asText());
      assertEquals("127.0.0.1", record.path("client").asText());
    }
  }

  @Test void credqlsOwnDriverReachesTheServerWithATrustStore() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:credql:remote=" + server.url(), login("ann", "ann-password"));
         Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SHOW PROVIDERS")) {
      assertTrue(rows.next());
    }
  }

  @Test void credqlsOwnDriverGivesTheServersMessageWithoutQuotingAPasswordTypedInTheStatement() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:credql:remote=" + server.url(), login("ann", "ann-password"));
         Statement s = c.createStatement()) {
      final SQLException refused = assertThrows(SQLException.class, () -> s.execute(
          "EXEC huaweicloud.gaussdb.db_user_password.reset @region = 'r', @project_id = 'p', @instance_id = 'i',"
          + " @name = 'n', @password = 'Typed-Secret-41'"));
      assertEquals("user 'ann' has the role reader; EXEC needs the role operator. Nothing was sent",
          refused.getMessage());
      assertEquals("42501", refused.getSQLState());
      assertNull(refused.getCause(), "Avatica's own exception quotes the statement");
      final SQLException atPrepare = assertThrows(SQLException.class, () -> c.prepareStatement(
          "EXEC huaweicloud.gaussdb.db_user_password.reset @region = 'r', @project_id = 'p', @instance_id = ?,"
          + " @name = 'n', @password = 'Typed-Secret-42'"));
      assertEquals("user 'ann' has the role reader; EXEC needs the role operator. Nothing was sent",
          atPrepare.getMessage());
    }
  }

  @Test void credqlsOwnDriverSendsABearerTokenOverTls() throws Exception {
    final Properties token = new Properties();
    token.setProperty("token", botToken);
    token.setProperty("trustStore", tls.trustStore.toString());
    token.setProperty("trustStorePassword", SelfSignedCertificate.TRUST_STORE_PASSWORD);
    try (Connection c = DriverManager.getConnection("jdbc:credql:remote=" + server.url(), token);
         Statement s = c.createStatement(); ResultSet rows = s.executeQuery(credentialsQuery("password"))) {
      assertTrue(rows.next());
      assertEquals("********", rows.getString(1), "the token's user is a reader");
    }
  }

  @Test void aClientCannotChooseTheServersConnectionProperties() throws Exception {
    final Properties sneaky = new Properties();
    sneaky.setProperty("maskSecrets", "false");
    sneaky.setProperty("auditLog", directory.resolve("elsewhere.jsonl").toString());
    try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ann;avatica_password=ann-password;truststore="
        + tls.trustStore + ";truststore_password=" + SelfSignedCertificate.TRUST_STORE_PASSWORD, sneaky);
         Statement s = c.createStatement(); ResultSet rows = s.executeQuery(credentialsQuery("password"))) {
      assertTrue(rows.next());
      assertEquals("********", rows.getString(1));
    }
  }

  @Test void anOversizedRequestIsRefusedAndTheServerStaysUp() throws Exception {
    final HttpResponse<String> response = post("ann", "ann-password", new byte[100 * 1024]);
    assertEquals(413, response.statusCode());
    assertEquals("credql server: the request is larger than the 65536 bytes this server accepts (its"
        + " --max-request-bytes); nothing was run\n", response.body());
    aReaderSeesSecretsMaskedEvenThroughExpressions();
  }

  @Test void aMalformedRequestGetsAnErrorAndTheServerStaysUp() throws Exception {
    final HttpResponse<String> response = post("ann", "ann-password",
        "this is not protobuf".getBytes(StandardCharsets.UTF_8));
    // Avatica alone answers HTTP 500 with its stack trace
    assertEquals(400, response.statusCode(), response::toString);
    assertEquals(MalformedRequests.MESSAGE + "\n", response.body());
    aReaderSeesSecretsMaskedEvenThroughExpressions();
  }

  @Test void schemaCrawlerCrawlsTheCatalogThroughTheRemoteDriver() throws Exception {
    final DatabaseConnectionSource connections = DatabaseConnectionSources.newDatabaseConnectionSource(
        "jdbc:credql:remote=" + server.url() + ";trustStore=" + tls.trustStore + ";trustStorePassword="
            + SelfSignedCertificate.TRUST_STORE_PASSWORD, new MultiUseUserCredentials("ann", "ann-password"));
    final Catalog catalog;
    try {
      catalog = new SchemaCrawler(connections, SchemaRetrievalOptionsBuilder.newSchemaRetrievalOptions(),
          SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions().withLoadOptions(
              LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.standard).toOptions())).crawl();
    } finally {
      connections.close();
    }
    final Table credentials = catalog.getTables().stream()
        .filter(t -> t.getName().equals("postgresql_instances_credentials")).findFirst()
        .orElseThrow(() -> new AssertionError("no credentials table in " + catalog.getTables()));
    assertEquals("linode", credentials.getSchema().getCatalogName());
    assertEquals("databases", credentials.getSchema().getName());
    assertTrue(credentials.getColumns().stream().anyMatch(c -> c.getName().equals("password")));
  }

  @Test void aReaderMayShowAndDescribe() throws Exception {
    try (Connection c = thin("ann", "ann-password"); Statement s = c.createStatement()) {
      try (ResultSet rows = s.executeQuery("SHOW RESOURCES IN linode.databases")) {
        assertTrue(rows.next());
      }
      try (ResultSet rows = s.executeQuery("DESCRIBE linode.databases.postgresql_instances_credentials")) {
        assertTrue(rows.next());
      }
    }
  }

  @Test void aUserLimitedToSomeProvidersCannotReachOthers() throws Exception {
    try (Connection c = thin("renderonly", "ro-password"); Statement s = c.createStatement()) {
      final SQLException refused = assertThrows(SQLException.class, () -> s.executeQuery(credentialsQuery("username")));
      assertTrue(refused.getMessage().contains("user 'renderonly' may use only the providers render, not linode"),
          refused.getMessage());
    }
  }

  /** A raw request to the server over its TLS, as a broken or hostile client would send it. */
  private static HttpResponse<String> post(String user, String password, byte[] body) throws Exception {
    final KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.trustStore)) {
      trust.load(in, SelfSignedCertificate.TRUST_STORE_PASSWORD.toCharArray());
    }
    final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    final SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trustManagers.getTrustManagers(), null);
    return RawRequests.post(ssl, server.url(), RawRequests.basic(user, password), body);
  }
}
