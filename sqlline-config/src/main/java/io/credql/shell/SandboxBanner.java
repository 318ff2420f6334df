package io.credql.shell;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The few lines {@code credql --sandbox} prints before the prompt: what the sandbox is, a few
 * statements to try (the simulators' own examples), and how to leave.
 */
final class SandboxBanner {
  static final int MAX_EXAMPLES = 4;

  private SandboxBanner() {
  }

  /** The banner, ending with a line break. */
  static String text(List<String> exampleQueries) {
    requireNonNull(exampleQueries, "exampleQueries");
    final List<String> examples = new ArrayList<>();
    for (String example : exampleQueries) {
      if (examples.size() < MAX_EXAMPLES && !example.isBlank()) {
        final String statement = example.strip();
        examples.add(statement.endsWith(";") ? statement : statement + ";");
      }
    }
    if (examples.isEmpty()) {
      examples.add("SHOW PROVIDERS;");
    }
    final StringBuilder banner = new StringBuilder()
        .append("credql sandbox: the bundled providers are answered by simulators inside this\n")
        .append("process, with demo data and demo credentials. Nothing is sent to a cloud, and\n")
        .append("what you reset or create lasts until you quit.\n")
        .append('\n')
        .append("Try:\n");
    for (String example : examples) {
      banner.append("  ").append(example).append('\n');
    }
    return banner.append('\n').append("Leave with !quit or Ctrl-D.\n").toString();
  }
}
