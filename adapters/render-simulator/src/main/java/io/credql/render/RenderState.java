package io.credql.render;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The simulated workspace's Postgres instances by id, shared by all request threads. Every change
 * replaces an instance under one lock, so a reader sees its users before or after a change, never
 * between, and two concurrent creations cannot both become the default.
 */
final class RenderState {
  /** What a change of an instance's users came to. */
  enum UserChange {
    DONE, NO_INSTANCE, NO_USER, IS_DEFAULT, EXISTS
  }

  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  /** Render's generated passwords are 32 letters and digits. */
  private static final int PASSWORD_LENGTH = 32;

  private final NavigableMap<String, PostgresInstance> instances = new TreeMap<>();
  private final SecureRandom random = new SecureRandom();

  RenderState(RenderDataset dataset) {
    requireNonNull(dataset, "dataset");
    dataset.instances().forEach(this::put);
  }

  /** Adds or replaces an instance (by id); users without a password get a random one. */
  synchronized void put(PostgresInstance instance) {
    requireNonNull(instance, "instance");
    final List<PostgresUser> users = new ArrayList<>();
    for (PostgresUser user : instance.users()) {
      users.add(user.password() == null ? user.withPassword(newPassword()) : user);
    }
    instances.put(instance.id(), instance.toBuilder().users(users).build());
  }

  synchronized @Nullable PostgresInstance find(String id) {
    return instances.get(id);
  }

  /** The instances {@code filter} accepts, by ascending id. */
  synchronized List<PostgresInstance> list(Predicate<PostgresInstance> filter) {
    final List<PostgresInstance> result = new ArrayList<>();
    for (PostgresInstance instance : instances.values()) {
      if (filter.test(instance)) {
        result.add(instance);
      }
    }
    return result;
  }

  /** Adds user {@code username} with a new password; it becomes the default. */
  synchronized UserChange createUser(String id, String username, Instant now) {
    final PostgresInstance instance = instances.get(id);
    if (instance == null) {
      return UserChange.NO_INSTANCE;
    }
    // the original user's role outlives its "deletion", so its name stays taken
    if (instance.user(username) != null
        || instance.originalUserDeactivated() && instance.databaseUser().equals(username)) {
      return UserChange.EXISTS;
    }
    final List<PostgresUser> users = new ArrayList<>(instance.users());
    users.add(new PostgresUser(username, newPassword(), now, 0));
    instances.put(id, instance.withUsers(users, instance.originalUserDeactivated(), now));
    return UserChange.DONE;
  }

  /** Deletes user {@code username} unless it is the default; the original user is only deactivated. */
  synchronized UserChange deleteUser(String id, String username, Instant now) {
    final PostgresInstance instance = instances.get(id);
    if (instance == null) {
      return UserChange.NO_INSTANCE;
    }
    if (instance.user(username) == null) {
      return UserChange.NO_USER;
    }
    if (instance.defaultUser().username().equals(username)) {
      return UserChange.IS_DEFAULT;
    }
    final List<PostgresUser> users = new ArrayList<>(instance.users());
    users.removeIf(user -> user.username().equals(username));
    final boolean original = instance.originalUserDeactivated() || instance.databaseUser().equals(username);
    instances.put(id, instance.withUsers(users, original, now));
    return UserChange.DONE;
  }

  /** Sets how many connections are open as {@code username}, as applications connect and leave. */
  synchronized void setOpenConnections(String id, String username, int count) {
    final PostgresInstance instance = instances.get(id);
    if (instance == null || instance.user(username) == null) {
      throw new NoSuchElementException("no user " + username + " in Postgres " + id);
    }
    final List<PostgresUser> users = new ArrayList<>();
    for (PostgresUser user : instance.users()) {
      users.add(user.username().equals(username) ? user.withOpenConnections(count) : user);
    }
    instances.put(id, instance.toBuilder().users(users).build());
  }

  private String newPassword() {
    final char[] password = new char[PASSWORD_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return new String(password);
  }
}
