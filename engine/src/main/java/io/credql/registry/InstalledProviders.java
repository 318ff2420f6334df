package io.credql.registry;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where pulled providers live: {@code $HOME/.credql/providers/<provider>/<version>/}, the layout
 * {@code providers=} directories have, so every connection loads them the same way.
 * {@code $HOME} is the environment variable when set (as a shell user expects), else Java's
 * {@code user.home}.
 */
public final class InstalledProviders {
  private InstalledProviders() {
  }

  /** The directory of pulled providers for the current user. */
  public static Path directory() {
    return directory(System.getenv());
  }

  static Path directory(Map<String, String> environment) {
    final @Nullable String home = environment.get("HOME");
    final Path base = home != null && !home.isBlank()
        ? Paths.get(home) : Paths.get(System.getProperty("user.home"));
    return base.resolve(".credql").resolve("providers");
  }
}
