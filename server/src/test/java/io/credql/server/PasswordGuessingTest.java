package io.credql.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone guesses passwords over HTTP: after five wrong ones their address is refused even the
 * right password for a pause that doubles with each further failure, up to five minutes; each
 * failure is logged with the user name and address, never with the password tried.
 */
class PasswordGuessingTest {
  @TempDir static Path directory;
  static final MovableClock CLOCK = new MovableClock();
  static CapturedLog log;
  static CredqlServer server;

  @BeforeAll static void startServer() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    final Properties connection = new Properties();
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    log = CapturedLog.start();
    server = CredqlServer.start(ServerSettings.of(users, connection), CLOCK);
  }

  @AfterAll static void stopServer() {
    server.close();
    log.close();
  }

  private static int login(String password) throws Exception {
    final HttpResponse<String> response = RawRequests.post(server.url(), RawRequests.basic("ann", password),
        new byte[0]);
    return response.statusCode();
  }

  @Test void repeatedWrongPasswordsPauseTheAddressLongerEachTimeUpToFiveMinutes() throws Exception {
    for (int i = 1; i <= FailedLogins.FREE_FAILURES; i++) {
      assertEquals(401, login("guess-" + i));
      assertTrue(log.text().contains("failed login " + i + " in a row from 127.0.0.1 (user ann)"), log::text);
    }
    assertEquals(401, login("ann-password"), "paused: even the right password is refused unchecked");
    assertTrue(log.text().contains("login refused without a check: too many failed logins from 127.0.0.1"));

    long pause = 1000;
    for (int failure = FailedLogins.FREE_FAILURES + 1; failure <= FailedLogins.FREE_FAILURES + 10; failure++) {
      CLOCK.advance(Duration.ofMillis(Math.min(pause, FailedLogins.LONGEST_PAUSE.toMillis()) + 1));
      assertEquals(401, login("guess-" + failure), "the pause is over: this guess is checked, and wrong");
      assertTrue(log.text().contains("failed login " + failure + " in a row"), log::text);
      pause *= 2;
      CLOCK.advance(Duration.ofMillis(Math.min(pause, FailedLogins.LONGEST_PAUSE.toMillis()) - 1));
      assertEquals(401, login("ann-password"), "still paused " + (pause - 1) + " ms after failure " + failure);
    }
    CLOCK.advance(Duration.ofMillis(2));
    assertNotEquals(401, login("ann-password"), "no pause is longer than five minutes");
    assertFalse(log.text().contains("guess-"), "no attempted password is logged");
  }
}
