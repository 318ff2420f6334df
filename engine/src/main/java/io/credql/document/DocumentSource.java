package io.credql.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * Where provider documents are read from: a directory in StackQL's layout
 * ({@code <root>/<provider>/<version>/provider.yaml}) or the same layout inside an adapter jar.
 * Service {@code $ref}s are relative to the root, as in StackQL's registry.
 */
public abstract class DocumentSource {
  /** Opens a document by its path relative to the root, or returns null if there is none. */
  public abstract @Nullable InputStream open(String relativePath) throws IOException;

  /** How to name a document in messages. */
  public abstract String describe(String relativePath);

  /** Documents in a directory. */
  public static DocumentSource directory(Path root) {
    requireNonNull(root, "root");
    return new DocumentSource() {
      @Override public @Nullable InputStream open(String relativePath) throws IOException {
        final Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root.normalize())) {
          return null;
        }
        final Path found = Files.isRegularFile(file) ? file : differentlyCased(file);
        return found == null ? null : Files.newInputStream(found);
      }

      @Override public String describe(String relativePath) {
        return root.resolve(relativePath).normalize().toString();
      }
    };
  }

  /**
   * The one file beside {@code file} whose name differs from it only in case, or null: StackQL's
   * registry references {@code okta/.../services/org.yaml} but ships {@code Org.yaml}, which StackQL
   * reads on the case-insensitive file systems its authors use.
   */
  private static @Nullable Path differentlyCased(Path file) throws IOException {
    final Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    final String name = file.getFileName().toString();
    try (Stream<Path> siblings = Files.list(dir)) {
      final List<Path> matches = siblings
          .filter(p -> p.getFileName().toString().equalsIgnoreCase(name) && Files.isRegularFile(p)).toList();
      return matches.size() == 1 ? matches.get(0) : null;
    }
  }

  /** Documents on the class path under a resource prefix, e.g. {@code io/credql/providers}. */
  public static DocumentSource classpath(ClassLoader loader, String prefix) {
    requireNonNull(loader, "loader");
    requireNonNull(prefix, "prefix");
    return new DocumentSource() {
      @Override public @Nullable InputStream open(String relativePath) {
        return loader.getResourceAsStream(prefix + "/" + relativePath);
      }

      @Override public String describe(String relativePath) {
        return "classpath:" + prefix + "/" + relativePath;
      }
    };
  }
}
