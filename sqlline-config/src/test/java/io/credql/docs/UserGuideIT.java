package io.credql.docs;

import io.credql.shell.CredqlCli;
import io.credql.shell.CredqlJar;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user guide cannot rot: its SQL runs as the guide shows it, with {@code credql.jar} in
 * processes of their own on fresh sandboxes.
 *
 * <ul>
 *   <li>every {@code ```sql} block runs, in the guide's order, as one script that must succeed;</li>
 *   <li>a block after {@code <!-- guide-test: fails -->} runs alone and must fail with the error
 *       the {@code ```text} block after it shows; these run through credql's command line in this
 *       JVM, on one sandbox (an error changes nothing in it), as what they show is what credql
 *       says, not how its process behaves;</li>
 *   <li>a {@code ```sh} block after {@code <!-- guide-test: sh -->} (or {@code sh, exit N}) runs in
 *       bash, where {@code ./credql} is the jar, and must exit so and print the {@code ```text}
 *       block after it.</li>
 * </ul>
 */
class UserGuideIT {
  private static final Path JAR = CredqlJar.JAR;
  private static final Path DOCS = Paths.get("../docs").toAbsolutePath().normalize();
  private static final List<String> PAGES = List.of("guide.md", "jdbc.md");
  private static final Pattern MARKER = Pattern.compile("<!-- guide-test: ([^>]*?) -->");
  private static final Pattern EXIT = Pattern.compile("sh, exit (\\d+)");
  /** What the guide's env('NEW_DB_PASSWORD') reads: a password Huawei's rules accept. */
  private static final String NEW_DB_PASSWORD = "Guide_Gauss_2025";
  /** What the guide's file('secrets/new-password') reads. */
  private static final String FILE_PASSWORD = "File_Gauss_2025";

  /**
   * A fenced block of a page (its fences on the 0-based lines {@code open} and {@code close}), the
   * marker before it, and the {@code ```text} block right after it.
   */
  private record Block(String page, int open, int close, String language, @Nullable String marker,
      String text, @Nullable String expected) {
    String where() {
      return "docs/" + page + ":" + (open + 1);
    }

    Block expecting(String output) {
      return new Block(page, open, close, language, marker, text, output);
    }
  }

  /** What a process printed and how it ended. */
  private record Run(int status, String out, String err) {
    @Override public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static List<Block> blocks;

  @TempDir Path work;

  @BeforeAll static void readGuide() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
    blocks = new ArrayList<>();
    for (String page : PAGES) {
      blocks.addAll(blocks(page, Files.readAllLines(DOCS.resolve(page), StandardCharsets.UTF_8)));
    }
  }

  private static List<Block> blocks(String page, List<String> lines) {
    final List<Block> found = new ArrayList<>();
    String marker = null;
    for (int i = 0; i < lines.size(); i++) {
      final String line = lines.get(i);
      final Matcher m = MARKER.matcher(line.trim());
      if (m.matches()) {
        marker = m.group(1);
        continue;
      }
      if (!line.startsWith("```")) {
        if (!line.isBlank()) {
          marker = null;
        }
        continue;
      }
      final int open = i;
      final StringBuilder text = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      found.add(new Block(page, open, i, line.substring(3).trim(), marker, text.toString(), null));
      marker = null;
    }
    // a text block right after another block, only blank lines between, is what that block prints
    final List<Block> paired = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      final Block block = found.get(i);
      final Block next = i + 1 < found.size() ? found.get(i + 1) : null;
      final boolean adjacent = next != null && "text".equals(next.language())
          && lines.subList(block.close() + 1, next.open()).stream().allMatch(String::isBlank);
      paired.add(adjacent ? block.expecting(next.text()) : block);
    }
    return paired;
  }

  /**
   * The working directory of a run: the repository's {@code docs} and {@code conformance} (the
   * reference a copy, so nothing writes into the sources), and {@code ./credql} running the jar.
   */
  private Path workingDirectory() throws IOException {
    Files.createDirectories(work.resolve("home"));
    Files.createDirectories(work.resolve("secrets"));
    Files.writeString(work.resolve("secrets/new-password"), FILE_PASSWORD + "\n", StandardCharsets.UTF_8);
    if (!Files.exists(work.resolve("conformance"))) {
      Files.createSymbolicLink(work.resolve("conformance"), DOCS.getParent().resolve("conformance"));
      // docs/ as the guide reads it, with a copy of the reference that --reference-docs may rewrite
      Files.createDirectories(work.resolve("docs"));
      try (Stream<Path> entries = Files.list(DOCS)) {
        for (Path entry : (Iterable<Path>) entries::iterator) {
          if (!entry.getFileName().toString().equals("providers")) {
            Files.createSymbolicLink(work.resolve("docs").resolve(entry.getFileName()), entry);
          }
        }
      }
      try (Stream<Path> files = Files.walk(DOCS.resolve("providers"))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          final Path copy = work.resolve("docs").resolve(DOCS.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy);
          }
        }
      }
    }
    final Path credql = work.resolve("credql");
    if (!Files.exists(credql)) {
      Files.writeString(credql, "#!/bin/sh\nHOME='" + work.resolve("home") + "' exec "
          + CredqlJar.shellCommand("-Duser.home=" + work.resolve("home")) + " \"$@\"\n");
      Files.setPosixFilePermissions(credql, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return work;
  }

  private Run run(List<String> command) throws IOException, InterruptedException {
    final Path dir = workingDirectory();
    final Path out = Files.createTempFile(work, "out", ".txt");
    final Path err = Files.createTempFile(work, "err", ".txt");
    final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    final Map<String, String> environment = builder.environment();
    // the guide's results must not depend on the credentials of whoever runs the build
    environment.keySet().removeIf(name -> name.startsWith("LINODE_") || name.startsWith("RENDER_")
        || name.startsWith("DATABRICKS_") || name.startsWith("HUAWEICLOUD_"));
    environment.put("NEW_DB_PASSWORD", NEW_DB_PASSWORD);
    environment.put("HOME", work.resolve("home").toString());
    final Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 120 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Run credql(String... args) throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>(List.of(workingDirectory().resolve("credql").toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** credql's command line run in this JVM, with the working directory's home as the user's. */
  private Run inThisJvm(String... args) throws IOException {
    final Path home = workingDirectory().resolve("home");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = new CredqlCli(home).run(args, InputStream.nullInputStream(), o, e);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Lines without trailing blanks, which Markdown editors strip. */
  private static String normalized(String text) {
    return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
  }

  @Test void everySqlBlockOfTheGuideRunsInTheSandboxInTheGuidesOrder() throws Exception {
    final StringBuilder script = new StringBuilder();
    int statements = 0;
    for (Block block : blocks) {
      if ("sql".equals(block.language()) && block.marker() == null) {
        script.append("-- ").append(block.where()).append('\n').append(block.text()).append('\n');
        statements += block.text().split(";\\s*(\n|$)").length;
      }
    }
    final Path file = workingDirectory().resolve("guide.sql");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    final Run run = credql("--sandbox", "--output", "csv", "-f", file.toString());
    final String numbered = numbered(script.toString());
    assertEquals(0, run.status(), () -> run + "\n--- the guide's statements\n" + numbered);
    assertTrue(statements >= 20, "the guide shows its statements: " + statements);
    // the secrets came from env() and file() and were not printed
    assertFalse(run.out().contains(NEW_DB_PASSWORD) || run.err().contains(NEW_DB_PASSWORD), run::toString);
    assertFalse(run.out().contains(FILE_PASSWORD) || run.err().contains(FILE_PASSWORD), run::toString);
  }

  @Test void everyErrorTheGuideShowsIsTheErrorCredqlGives() throws Exception {
    int errors = 0;
    for (Block block : blocks) {
      if (!"fails".equals(block.marker())) {
        continue;
      }
      errors++;
      assertEquals("sql", block.language(), block::where);
      assertTrue(block.expected() != null, () -> block.where() + " shows the error it gives");
      final Run run = inThisJvm("--sandbox", "-e", block.text());
      assertEquals(1, run.status(), () -> block.where() + "\n" + run);
      assertTrue(normalized(run.err()).contains(normalized(block.expected())),
          () -> block.where() + " shows\n" + block.expected() + "but credql says\n" + run.err());
    }
    assertTrue(errors >= 5, "the troubleshooting section shows errors: " + errors);
  }

  @Test void everyMarkedShellBlockExitsAndPrintsAsTheGuideShows() throws Exception {
    int commands = 0;
    for (Block block : blocks) {
      if (block.marker() == null || !block.marker().startsWith("sh")) {
        continue;
      }
      commands++;
      assertEquals("sh", block.language(), block::where);
      final Matcher exit = EXIT.matcher(block.marker());
      final int expectedStatus = exit.matches() ? Integer.parseInt(exit.group(1)) : 0;
      final Run run = run(List.of("bash", "-c", block.text()));
      assertEquals(expectedStatus, run.status(), () -> block.where() + "\n" + run);
      if (block.expected() != null) {
        assertTrue(normalized(run.out() + run.err()).contains(normalized(block.expected())),
            () -> block.where() + " shows\n" + block.expected() + "but it printed\n" + run);
      }
    }
    assertTrue(commands >= 5, "shell examples run: " + commands);
  }

  @Test void everyShellExampleThatRunsStatementsIsRunByThisTest() {
    for (Block block : blocks) {
      if ("sh".equals(block.language()) && block.text().contains("./credql")
          && (block.text().contains(" -e ") || block.text().contains(" -f "))) {
        assertTrue(block.marker() != null && block.marker().startsWith("sh"),
            () -> block.where() + " runs statements: mark it <!-- guide-test: sh -->\n" + block.text());
      }
    }
  }

  private static String numbered(String text) {
    final String[] lines = text.split("\n", -1);
    final StringBuilder numbered = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      numbered.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return numbered.toString();
  }
}
