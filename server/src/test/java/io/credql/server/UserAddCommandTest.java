package io.credql.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator adds the server's users; passwords come from standard input and are stored
 * only as bcrypt hashes, tokens are made by the command, shown once and stored only as SHA-256.
 */
class UserAddCommandTest {
  @TempDir Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String stdin, ByteArrayOutputStream err, String... args) {
    return ServerCommand.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test void addingATokenPrintsItOnceAndStoresOnlyItsSha256() throws Exception {
    final Path users = directory.resolve("users");
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, run("", err, "token", "add", "ci-bot", "--role", "operator", "--users", users.toString()),
        err.toString(StandardCharsets.UTF_8));
    final String token = out.toString(StandardCharsets.UTF_8).trim();
    assertTrue(token.matches("credql_[A-Za-z0-9_-]{43}"), token);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("token user ci-bot (operator) written to " + users));
    assertFalse(err.toString(StandardCharsets.UTF_8).contains(token), "the token goes to standard output only");
    final String text = Files.readString(users);
    assertFalse(text.contains(token));
    assertTrue(text.contains("ci-bot:operator::sha256="), text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
    final ServerUser bot = new UsersFile(users).read().get("ci-bot");
    assertTrue(UsersFile.verify(bot, token));
    assertFalse(UsersFile.verify(bot, token + "x"));

    out.reset();
    assertEquals(0, run("", err, "token", "add", "ci-bot", "--role", "operator", "--users", users.toString()));
    assertFalse(UsersFile.verify(new UsersFile(users).read().get("ci-bot"), token), "a new token replaces the old");
  }

  @Test void aTokenGivenAsAnArgumentIsRefused() {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, run("", err, "token", "add", "ci-bot", "--role", "reader", "--users",
        directory.resolve("users").toString(), "--token", "mine"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("a token is never an argument"));
    assertFalse(Files.exists(directory.resolve("users")));
  }

  @Test void addingAUserWritesAnOwnerOnlyFileWithASaltedHashNotThePassword() throws Exception {
    final Path users = directory.resolve("users");
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, run("s3cret-Pa55\n", err, "user", "add", "ann", "--role", "reader", "--users", users.toString(),
        "--providers", "linode"), err.toString(StandardCharsets.UTF_8));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
    final String text = Files.readString(users);
    assertFalse(text.contains("s3cret-Pa55"));
    assertTrue(text.contains("ann:reader:linode:$2a$12$"), text);
    final Map<String, ServerUser> read = new UsersFile(users).read();
    assertTrue(UsersFile.verify(read.get("ann"), "s3cret-Pa55"));
    assertFalse(UsersFile.verify(read.get("ann"), "s3cret-Pa56"));
    assertTrue(read.get("ann").reaches("LINODE"));
    assertFalse(read.get("ann").reaches("render"));
  }

  @Test void aPasswordGivenAsAnArgumentIsRefused() {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, run("", err, "user", "add", "ann", "--role", "reader", "--users",
        directory.resolve("users").toString(), "--password", "hunter2"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("a password is never an argument"));
    assertFalse(Files.exists(directory.resolve("users")));
  }

  @Test void anUnknownRoleNamesTheRoles() {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, run("pw\n", err, "user", "add", "ann", "--role", "admin", "--users",
        directory.resolve("users").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8)
        .contains("unknown role 'admin'; the roles are reader, auditor and operator"));
  }

  @Test void aUsersFileOthersCanReadIsRefused() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, java.util.Set.of(), "pw".toCharArray());
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
    final Exception refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> new UsersFile(users).read());
    assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
  }
}
