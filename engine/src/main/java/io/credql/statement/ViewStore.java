package io.credql.statement;

import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.session.CredqlSession;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The user's views, kept across connections: one file per view, {@code <name>.sql} holding its
 * query, in {@code $HOME/.credql/views} ({@code $HOME} before {@code user.home}) or the directory
 * {@code views=} names; files are 0600 in a 0700 directory. With {@code views=memory} nothing is
 * kept. Materialized views are never kept here: their rows may hold secrets.
 */
public final class ViewStore {
  private static final Logger LOG = LoggerFactory.getLogger(ViewStore.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final String SUFFIX = ".sql";

  private final @Nullable Path directory;

  private ViewStore(@Nullable Path directory) {
    this.directory = directory;
  }

  /** The store of {@code session}'s user, or one that keeps nothing with {@code views=memory}. */
  static ViewStore of(CredqlSession session) {
    if (session.properties().viewsInMemory()) {
      return new ViewStore(null);
    }
    final Path configured = session.properties().viewsDirectory();
    if (configured != null) {
      return new ViewStore(configured);
    }
    final String home = session.environment().get("HOME");
    return new ViewStore(Paths.get(home != null && !home.isBlank() ? home
        : System.getProperty("user.home"), ".credql", "views"));
  }

  /** Adds every kept view to {@code root}, the schema of a new connection; unreadable files are skipped with a warning. */
  public static void mount(SchemaPlus root, CredqlSession session) {
    final ViewStore store = of(session);
    if (store.directory == null || !Files.isDirectory(store.directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(store.directory, "*" + SUFFIX)) {
      for (Path file : files) {
        final String fileName = file.getFileName().toString();
        final String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (!NAME.matcher(name).matches() || root.getSubSchema(name) != null) {
          continue;
        }
        try {
          register(root, name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          LOG.warn("view {} cannot be read from {}: {}", name, file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("views cannot be read from {}: {}", store.directory, e.getMessage());
    }
  }

  /** Makes {@code sql} queryable as the table {@code name} of {@code root}. */
  static void register(SchemaPlus root, String name, String sql) {
    root.add(name, new StoredViewMacro(CalciteSchema.from(root), name, sql));
  }

  /** The name a view is kept and registered under: checked, lower case (names match ignoring case). */
  static String name(String written) throws InvalidInputException {
    if (!NAME.matcher(written).matches()) {
      throw new InvalidInputException("a view name is a letter or _ followed by letters, digits "
          + "or _ (at most 128), not '" + written + "'");
    }
    return written.toLowerCase(Locale.ROOT);
  }

  /** Keeps the view {@code name}; nothing is kept with {@code views=memory}. */
  void save(String name, String sql) throws CredqlException {
    if (directory == null) {
      return;
    }
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        restrict(directory, "rwx------");
      }
      final Path temporary = Files.createTempFile(directory, name, ".tmp");
      restrict(temporary, "rw-------");
      Files.writeString(temporary, sql, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file(directory, name), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file(directory, name), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CredqlException("view " + name + " works in this connection but cannot be kept in "
          + directory + " (" + e.getMessage() + "); use views=memory to keep views only per connection",
          "58030", 0, e);
    }
  }

  /** Forgets the view {@code name}. */
  void delete(String name) throws CredqlException {
    if (directory == null) {
      return;
    }
    try {
      Files.deleteIfExists(file(directory, name));
    } catch (IOException e) {
      throw new CredqlException("view " + name + " cannot be removed from " + directory + " ("
          + e.getMessage() + ")", "58030", 0, e);
    }
  }

  private static Path file(Path directory, String name) {
    return directory.resolve(name + SUFFIX);
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }
}
