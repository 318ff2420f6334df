package io.credql.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * A directory holding the provider reference, such as {@code docs/providers}: compared with freshly
 * generated pages, or brought up to date with them. Only the index and files shaped like resource
 * pages ({@code <provider>/<service>/<resource>.md}) are the reference's; anything else there is
 * left alone.
 */
public final class ReferenceDocsDirectory {
  /** How a page on disk differs from the generated one. */
  public enum Change { CHANGED, MISSING, EXTRA }

  /** One page that differs, by its path relative to the directory. */
  public record Difference(String path, Change change) {
    @Override public String toString() {
      switch (change) {
      case MISSING:
        return path + " is missing";
      case EXTRA:
        return path + " documents no resource of the provider documents";
      default:
        return path + " differs from what the documents say";
      }
    }
  }

  private final Path root;

  public ReferenceDocsDirectory(Path root) {
    this.root = requireNonNull(root, "root");
  }

  /** Every page that differs from {@code docs}: changed, missing, or there without a resource. */
  public List<Difference> compare(ReferenceDocs docs) throws IOException {
    requireNonNull(docs, "docs");
    final List<Difference> differences = new ArrayList<>();
    for (Map.Entry<String, String> page : docs.pages().entrySet()) {
      final Path file = root.resolve(page.getKey());
      if (!Files.isRegularFile(file)) {
        differences.add(new Difference(page.getKey(), Change.MISSING));
      } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        differences.add(new Difference(page.getKey(), Change.CHANGED));
      }
    }
    for (String path : resourcePagesOnDisk()) {
      if (!docs.pages().containsKey(path)) {
        differences.add(new Difference(path, Change.EXTRA));
      }
    }
    return differences;
  }

  /**
   * Writes the pages of {@code docs} that differ and deletes resource pages no document describes.
   *
   * @return what was changed
   */
  public List<Difference> write(ReferenceDocs docs) throws IOException {
    final List<Difference> differences = compare(docs);
    for (Difference difference : differences) {
      final Path file = root.resolve(difference.path());
      if (difference.change() == Change.EXTRA) {
        Files.delete(file);
        deleteIfEmpty(file.getParent());
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, docs.pages().get(difference.path()), StandardCharsets.UTF_8);
      }
    }
    return differences;
  }

  /** Paths of the {@code <provider>/<service>/<resource>.md} files under the directory, sorted. */
  private TreeSet<String> resourcePagesOnDisk() throws IOException {
    final TreeSet<String> paths = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return paths;
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      files.filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(relative -> relative.getNameCount() == 3
              && relative.getFileName().toString().endsWith(".md"))
          .forEach(relative -> paths.add(relative.toString().replace('\\', '/')));
    }
    return paths;
  }

  private void deleteIfEmpty(@Nullable Path directory) throws IOException {
    Path current = directory;
    while (current != null && !current.equals(root) && current.startsWith(root)) {
      try (Stream<Path> entries = Files.list(current)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(current);
      current = current.getParent();
    }
  }
}
