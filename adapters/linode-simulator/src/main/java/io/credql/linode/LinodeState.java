package io.credql.linode;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The simulated account's databases, by id, shared by all request threads: every change replaces
 * a database atomically, so a reader sees a database either before or after a reset, never between.
 */
final class LinodeState {
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final int PASSWORD_LENGTH = 24;

  private final ConcurrentNavigableMap<Long, ManagedDatabase> databases = new ConcurrentSkipListMap<>();
  private final SecureRandom random = new SecureRandom();

  LinodeState(LinodeDataset dataset) {
    requireNonNull(dataset, "dataset");
    dataset.databases().forEach(this::put);
  }

  /** Adds or replaces a database (by id); one without a password gets a random one. */
  void put(ManagedDatabase db) {
    requireNonNull(db, "db");
    databases.put(db.id(), db.password() == null ? db.withPassword(newPassword()) : db);
  }

  /** The database {@code id} if it exists and runs {@code engine}, else null (Linode answers 404 for both). */
  @Nullable ManagedDatabase find(DatabaseEngine engine, long id) {
    final ManagedDatabase db = databases.get(id);
    return db != null && db.engine() == engine ? db : null;
  }

  /** The databases of {@code engine} (or of every engine when null), by ascending id. */
  List<ManagedDatabase> list(@Nullable DatabaseEngine engine) {
    final List<ManagedDatabase> result = new ArrayList<>();
    for (ManagedDatabase db : databases.values()) {
      if (engine == null || db.engine() == engine) {
        result.add(db);
      }
    }
    return result;
  }

  /**
   * Gives database {@code id} a new random root password if it is active, in one step so that a
   * concurrent status change cannot slip in between. Returns the database as it was before, or null
   * if there is none.
   */
  @Nullable ManagedDatabase resetPasswordIfActive(DatabaseEngine engine, long id) {
    final AtomicReference<ManagedDatabase> before = new AtomicReference<>();
    databases.computeIfPresent(id, (key, db) -> {
      if (db.engine() != engine) {
        return db;
      }
      before.set(db);
      return db.status() == DatabaseStatus.ACTIVE ? db.withPassword(newPassword()) : db;
    });
    return before.get();
  }

  ManagedDatabase setStatus(DatabaseEngine engine, long id, DatabaseStatus status) {
    requireNonNull(status, "status");
    return replace(engine, id, db -> db.withStatus(status));
  }

  private ManagedDatabase replace(DatabaseEngine engine, long id, UnaryOperator<ManagedDatabase> change) {
    final ManagedDatabase changed = databases.computeIfPresent(id,
        (key, db) -> db.engine() == engine ? change.apply(db) : db);
    if (changed == null || changed.engine() != engine) {
      throw new NoSuchElementException("no " + engine.apiName() + " database with id " + id);
    }
    return changed;
  }

  private String newPassword() {
    final char[] password = new char[PASSWORD_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return new String(password);
  }
}
