package io.credql.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./credql user add}, {@code token add} and {@code serve} are commands of the same launcher as the shell. */
class TeamServerCommandsTest {
  @TempDir Path home;

  @Test void anAdministratorAddsAUserWithThePasswordOnStandardInput() throws Exception {
    final Path users = home.resolve("users");
    final CliRun run = CliRun.withInput(home, "correct horse\n", "user", "add", "ann", "--role", "reader",
        "--users", users.toString());
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.err().contains("user ann (reader) written to " + users), run::toString);
    assertFalse(Files.readString(users).contains("correct horse"));
  }

  @Test void anAdministratorMakesATokenThatOnlyStandardOutputShows() throws Exception {
    final Path users = home.resolve("users");
    final CliRun run = CliRun.of(home, "token", "add", "ci-bot", "--role", "operator", "--users", users.toString());
    assertEquals(0, run.status(), run::toString);
    final String token = run.out().trim();
    assertTrue(token.startsWith("credql_"), run::toString);
    assertFalse(run.err().contains(token), run::toString);
    assertFalse(Files.readString(users).contains(token));
  }

  @Test void serveWithoutAUsersFileSaysHowToMakeOne() {
    final CliRun run = CliRun.of(home, "serve", "--port", "0");
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.err().contains("credql serve needs --users FILE (make one with credql user add)"), run::toString);
  }
}
