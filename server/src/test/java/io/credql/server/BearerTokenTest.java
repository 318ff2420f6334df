package io.credql.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.audit.AuditRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A script logs in with a bearer token instead of a password: the same roles, audit and refusals
 * apply, a wrong token looks exactly like a wrong password, and the token appears in no log and
 * no audit record.
 */
class BearerTokenTest {
  @TempDir static Path directory;
  static Path audit;
  static String token;
  static CapturedLog log;
  static CredqlServer server;

  @BeforeAll static void startServer() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    token = new UsersFile(users).addToken("ci-bot", Role.OPERATOR, Set.of());
    audit = directory.resolve("audit.jsonl");
    final Properties connection = new Properties();
    connection.setProperty("sandbox", "true");
    connection.setProperty("auditLog", audit.toString());
    log = CapturedLog.start();
    server = CredqlServer.start(ServerSettings.of(users, connection));
  }

  @AfterAll static void stopServer() {
    server.close();
    log.close();
  }

  private static Connection withToken(String token) throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("token", token);
    return DriverManager.getConnection("jdbc:credql:remote=" + server.url(), properties);
  }

  @Test void aScriptWithATokenResetsAndTheAuditNamesTheTokensUser() throws Exception {
    try (Connection c = withToken(token); Statement s = c.createStatement()) {
      final long instanceId;
      try (ResultSet rows = s.executeQuery("SELECT id FROM linode.databases.postgresql_instances LIMIT 1")) {
        assertTrue(rows.next());
        instanceId = rows.getLong(1);
      }
      s.execute("EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset"
          + " @instanceId = " + instanceId);
    }
    final List<JsonNode> resets = AuditRecords.read(audit).records().stream()
        .filter(r -> r.path("method").asText().equals("postDatabasesPostgreSQLInstanceCredentialsReset"))
        .collect(Collectors.toList());
    assertEquals(2, resets.size(), resets.toString());
    for (JsonNode record : resets) {
      assertEquals("ci-bot", record.path("user").asText());
      assertEquals("127.0.0.1", record.path("client").asText());
    }
    assertFalse(Files.readString(audit).contains(token), "the audit log holds no token");
    assertFalse(log.text().contains(token), "the log holds no token");
    assertFalse(log.text().contains(token.substring(UsersFile.TOKEN_PREFIX.length(), 20)), "nor a part of one");
  }

  @Test void aWrongTokenGetsTheSame401AsAWrongPasswordAndIsNotLogged() throws Exception {
    final String wrong = UsersFile.TOKEN_PREFIX + "not-a-token-of-this-server";
    final HttpResponse<String> byToken = RawRequests.post(server.url(), "Bearer " + wrong, new byte[0]);
    final HttpResponse<String> byPassword = RawRequests.post(server.url(), RawRequests.basic("ann", "wrong"),
        new byte[0]);
    assertEquals(401, byToken.statusCode());
    assertEquals(byPassword.statusCode(), byToken.statusCode());
    assertEquals(byPassword.headers().allValues("WWW-Authenticate"), byToken.headers().allValues("WWW-Authenticate"));
    assertEquals(byPassword.body(), byToken.body());
    final SQLException refused = assertThrows(SQLException.class, () -> withToken(wrong).close());
    assertEquals("the credql server at " + server.url() + " refused the login (HTTP 401): check the user and"
        + " password (or token) properties", refused.getMessage());
    assertTrue(log.text().contains("in a row from 127.0.0.1 (an unknown bearer token)"), log::text);
    assertFalse(log.text().contains("not-a-token-of-this-server"), "a token tried is not logged");
    withToken(token).close(); // a success clears the address's failures for the other tests
  }

  @Test void avaticasThinDriverSendsATokenAsThePasswordOfItsUser() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ci-bot;avatica_password=" + token);
         Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SHOW PROVIDERS")) {
      assertTrue(rows.next());
    }
    assertFalse(log.text().contains(token), "the log holds no token");
  }
}
