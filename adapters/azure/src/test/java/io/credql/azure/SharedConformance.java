package io.credql.azure;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * StackQL's registry documents, test data kept outside the repository in
 * {@code ../shared/conformance} of the repository root (found from the module's directory up).
 */
final class SharedConformance {
  private SharedConformance() {
  }

  /** The registry's {@code providers/src} directory. */
  static Path registry() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      final Path candidate = dir.resolve("shared/conformance/stackql-registry/providers/src");
      if (Files.isDirectory(candidate.resolve("azure"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("StackQL's registry documents are not in ../shared/conformance"
        + " above " + Path.of("").toAbsolutePath());
  }
}
