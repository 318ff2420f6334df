package io.credql.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One run of {@link CredqlCli#run} inside the test's JVM, with what it printed.
 *
 * @param status the exit status
 * @param out    what went to standard output
 * @param err    what went to standard error
 */
record CliRun(int status, String out, String err) {
  /** Runs the command line with {@code home} as the user's home and nothing on standard input. */
  static CliRun of(Path home, String... args) {
    return withInput(home, "", args);
  }

  /** Runs the command line with {@code home} as the user's home and {@code input} piped in. */
  static CliRun withInput(Path home, String input, String... args) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = new CredqlCli(home).run(args,
          new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e);
    }
    return new CliRun(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Override public String toString() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
