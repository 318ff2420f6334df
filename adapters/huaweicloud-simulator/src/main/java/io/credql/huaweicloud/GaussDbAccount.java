package io.credql.huaweicloud;

import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * A database account of a simulated GaussDB instance: its name, whether it administers the
 * instance (as {@code root} does), and its password (null: the simulator makes one up).
 */
public record GaussDbAccount(String name, boolean administrator, @Nullable String password) {
  public GaussDbAccount {
    requireNonNull(name, "name");
  }

  /** An ordinary account with a generated password. */
  public static GaussDbAccount of(String name) {
    return new GaussDbAccount(name, false, null);
  }

  /** This account with {@code newPassword}. */
  public GaussDbAccount withPassword(String newPassword) {
    return new GaussDbAccount(name, administrator, requireNonNull(newPassword, "newPassword"));
  }
}
