package io.credql.render;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A Render-managed PostgreSQL user of an instance, as the simulator keeps it: its name, its
 * password (null until the simulator makes one up), when it was created and how many connections
 * are open as it.
 *
 * @param username        the role's name
 * @param password        its password, or null for one made up when the simulator takes it
 * @param createdAt       when it was created
 * @param openConnections connections open as this user now
 */
public record PostgresUser(String username, @Nullable String password, Instant createdAt,
    int openConnections) {
  public PostgresUser {
    requireNonNull(username, "username");
    requireNonNull(createdAt, "createdAt");
    if (openConnections < 0) {
      throw new IllegalArgumentException("openConnections must not be negative");
    }
  }

  /** A user created at {@code createdAt} with no open connections and a password made up later. */
  public static PostgresUser of(String username, Instant createdAt) {
    return new PostgresUser(username, null, createdAt, 0);
  }

  /** This user with another password. */
  public PostgresUser withPassword(String newPassword) {
    return new PostgresUser(username, requireNonNull(newPassword, "newPassword"), createdAt, openConnections);
  }

  /** This user with {@code count} open connections. */
  public PostgresUser withOpenConnections(int count) {
    return new PostgresUser(username, password, createdAt, count);
  }

  @Override public String toString() {
    // never the password: these objects end up in test failure messages
    return "PostgresUser[" + username + ", created " + createdAt + ", " + openConnections + " connections]";
  }
}
