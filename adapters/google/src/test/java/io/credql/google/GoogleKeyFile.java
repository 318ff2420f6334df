package io.credql.google;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The key file {@code GOOGLE_CREDENTIALS} names in the tests (surefire sets the variable). */
final class GoogleKeyFile {
  private GoogleKeyFile() {
  }

  static Path path() {
    final String path = System.getenv("GOOGLE_CREDENTIALS");
    if (path == null) {
      throw new IllegalStateException("run the tests with Maven: surefire sets GOOGLE_CREDENTIALS");
    }
    return Path.of(path);
  }

  /** Writes {@code json} as the key file, for the connections opened next. */
  static void write(String json) throws IOException {
    Files.createDirectories(path().getParent());
    Files.writeString(path(), json);
  }
}
