package io.credql.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where StackQL's registry documents for tests are: {@code shared/conformance/stackql-registry}
 * beside the repository (the documents are test data only and are never copied into the project).
 */
public final class StackqlRegistry {
  private static final String RELATIVE = "shared/conformance/stackql-registry/providers/src";

  private StackqlRegistry() {
  }

  /** The {@code providers/src} directory, found by walking up from the working directory. */
  public static Path providers() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      final Path candidate = dir.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("StackQL's registry documents are not in ../" + RELATIVE
        + " of any parent of " + Paths.get("").toAbsolutePath());
  }
}
