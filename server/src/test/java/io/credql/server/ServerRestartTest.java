package io.credql.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server restarts while clients are connected: credql's driver opens its connection again by
 * itself; Avatica's thin driver is told in one line that the server restarted, and a new
 * connection works.
 */
class ServerRestartTest {
  @TempDir Path directory;

  @Test void aClientOfARestartedServerGoesOnOrIsToldItsConnectionIsGone() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    final Properties connection = new Properties();
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    final ServerSettings settings = ServerSettings.of(users, connection);
    final Properties login = new Properties();
    login.setProperty("user", "ann");
    login.setProperty("password", "ann-password");
    final CredqlServer first = CredqlServer.start(settings);
    final int port = first.port();
    final Connection credql = DriverManager.getConnection("jdbc:credql:remote=" + first.url(), login);
    final Connection thin = DriverManager.getConnection("jdbc:avatica:remote:url=" + first.url()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ann;avatica_password=ann-password");
    for (Connection client : new Connection[] {credql, thin}) {
      try (Statement s = client.createStatement(); ResultSet rows = s.executeQuery("VALUES 1")) {
        assertTrue(rows.next());
      }
    }
    first.close();
    // credql serve closes it twice when stopped by a signal (its shutdown hook, then the end of its wait)
    first.close();
    try (CredqlServer second = CredqlServer.start(settings.withAddress("127.0.0.1", port))) {
      try (Statement s = credql.createStatement(); ResultSet rows = s.executeQuery("VALUES 1")) {
        assertTrue(rows.next());
      }
      final RuntimeException gone = assertThrows(RuntimeException.class, () -> thin.createStatement().close());
      assertEquals("Remote driver error: the credql server restarted since this connection was opened, and its"
          + " connections ended with it: connect again", gone.getMessage());
      credql.close();
      try (Connection again = DriverManager.getConnection("jdbc:avatica:remote:url=" + second.url()
              + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ann;avatica_password=ann-password");
           Statement s = again.createStatement(); ResultSet rows = s.executeQuery("VALUES 1")) {
        assertTrue(rows.next());
      }
    }
  }

  @Test void plainHttpOnAPublicAddressIsRefused() {
    final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CredqlServer.start(
        ServerSettings.of(directory.resolve("users"), new Properties()).withAddress("0.0.0.0", 0)));
    assertTrue(refused.getMessage().contains("without --tls-cert and --tls-key would carry passwords in clear"),
        refused.getMessage());
  }
}
