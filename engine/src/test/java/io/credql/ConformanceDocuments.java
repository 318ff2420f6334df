package io.credql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where tests find StackQL's real provider documents: the project's shared copy of StackQL's
 * registry ({@code shared/conformance/stackql-registry/providers/src}, beside the repository),
 * else the repository's own smaller copy. Test data only: loaded unchanged, never shipped.
 */
public final class ConformanceDocuments {
  private ConformanceDocuments() {
  }

  /** The {@code providers/src} directory: {@code <provider>/v00.00.00000/provider.yaml}. */
  public static Path stackqlRegistry() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      final Path shared = dir.resolve("shared/conformance/stackql-registry/providers/src");
      if (Files.isDirectory(shared)) {
        return shared;
      }
    }
    return Paths.get("../conformance/stackql-registry/providers/src").toAbsolutePath().normalize();
  }

  /** {@code <provider>/v00.00.00000} in {@link #stackqlRegistry()}, or an error saying where it is missing. */
  public static Path stackqlProvider(String provider) {
    final Path dir = stackqlRegistry().resolve(provider).resolve("v00.00.00000");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("StackQL's " + provider + " documents are not in " + dir
          + "; the tests need StackQL's registry copy in shared/conformance beside the repository");
    }
    return dir;
  }
}
