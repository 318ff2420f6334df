package io.credql.audit;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The user's {@code ~/.credql} directory, home of the audit log and the shell history. The home is
 * {@code $HOME} when it is set, as every Unix tool reads it, and only otherwise the JVM's
 * {@code user.home} (from the user database, which a container's UID may lack: Java then says
 * {@code ?}, and credql finds no home rather than writing to {@code ./?/.credql}). The directory
 * is created readable by its owner only.
 */
public final class CredqlDirectory {
  private CredqlDirectory() {
  }

  /** {@code ~/.credql} of this process, or null if it has no usable home. */
  public static @Nullable Path of() {
    return of(System.getenv(), System.getProperty("user.home"));
  }

  /** {@code ~/.credql} for the environment {@code env} and JVM home {@code userHome}, or null. */
  public static @Nullable Path of(Map<String, String> env, @Nullable String userHome) {
    requireNonNull(env, "env");
    final Path home = absolute(env.get("HOME"));
    final Path found = home != null ? home : absolute(userHome);
    return found == null ? null : found.resolve(".credql");
  }

  private static @Nullable Path absolute(@Nullable String path) {
    if (path == null || path.isBlank() || path.equals("?")) {
      return null;
    }
    final Path candidate = Paths.get(path);
    return candidate.isAbsolute() ? candidate : null;
  }

  /**
   * Creates the parent directories of {@code file} that are missing, the last one readable by its
   * owner only (other users have no business listing what credql records).
   */
  public static void createParentOf(Path file) throws IOException {
    final Path parent = file.toAbsolutePath().getParent();
    if (parent == null || Files.isDirectory(parent)) {
      return;
    }
    if (parent.getParent() != null) {
      Files.createDirectories(parent.getParent());
    }
    try {
      Files.createDirectory(parent);
      restrict(parent, "rwx------");
    } catch (FileAlreadyExistsException e) {
      // made meanwhile by another credql: its permissions stand
    }
  }

  /** Makes {@code path} readable and writable by its owner only, on a POSIX file system. */
  static void restrict(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
  }
}
