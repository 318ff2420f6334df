package io.credql.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The packaged {@code target/credql.jar} and the {@code java} command that starts it the way
 * {@code ./credql} does: C1 only, and the class-data-sharing archive the build trained beside the
 * jar, so a test that starts the jar many times pays the cold start users pay, not more.
 */
public final class CredqlJar {
  public static final Path JAR = Paths.get(System.getProperty("credql.jar", "target/credql.jar")).toAbsolutePath();
  private static final Path ARCHIVE = JAR.resolveSibling("credql.jsa");

  private CredqlJar() {
  }

  /** {@code java <the launcher's options> <jvmOptions> -jar credql.jar}, to which the test adds credql's arguments. */
  public static List<String> command(String... jvmOptions) {
    final List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
    if (archiveIsCurrent()) {
      // as ./credql: an archive the JVM cannot use is ignored, and the logging flags keep that quiet
      command.addAll(List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:auto", "-Xlog:cds=off",
          "-Xlog:cds+dynamic=off"));
    }
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-jar", JAR.toString()));
    return command;
  }

  /** The same command as one line for {@code sh -c}, every word single-quoted. */
  public static String shellCommand(String... jvmOptions) {
    return command(jvmOptions).stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  private static boolean archiveIsCurrent() {
    try {
      return Files.isRegularFile(ARCHIVE)
          && Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) >= 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
