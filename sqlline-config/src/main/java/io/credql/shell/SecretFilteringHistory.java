package io.credql.shell;

import io.credql.redact.MarkedSecretNames;
import io.credql.redact.Redactor;
import io.credql.redact.StatementMasker;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The shell's line history, which sqlline would otherwise keep verbatim: each line has its secrets
 * masked (see {@link StatementMasker}) before it is kept in memory or written to the history file,
 * so neither the file nor the up-arrow gives a typed password back. A history file that cannot be
 * read or written (a full disk, a file-size limit) costs the history, said once in one line, never
 * the shell; one that is not a regular file (a link to {@code /dev/null}) is not read.
 */
public final class SecretFilteringHistory extends DefaultHistory {
  /** A larger history file is not read: jline holds it whole in memory, and no typed history is this large. */
  static final long MAX_READ_BYTES = 16L * 1024 * 1024;

  private volatile StatementMasker masker = new StatementMasker(new Redactor());
  private volatile PrintStream problems = System.err;
  private @Nullable LineReader reader;
  /** Set once the file could not be read or written: the lines are then kept in memory only. */
  private volatile boolean fileUnusable;

  /** Where a problem with the history file is told (the shell's standard error). */
  void reportProblemsTo(PrintStream err) {
    this.problems = requireNonNull(err, "err");
  }

  /**
   * From now on, also mask the secrets {@code redactor} knows (those the connection has seen) and
   * the values of names the connection's documents mark secret ({@code marked}).
   */
  void maskWith(Redactor redactor, MarkedSecretNames marked) {
    this.masker = new StatementMasker(requireNonNull(redactor, "redactor"), marked);
  }

  @Override public void add(Instant time, String line) {
    super.add(time, masker.mask(line));
  }

  @Override public void attach(LineReader reader) {
    this.reader = reader;
    super.attach(reader);
  }

  @Override public void load() throws IOException {
    final Path file = file();
    try {
      if (file != null && Files.exists(file) && (!Files.isRegularFile(file) || Files.size(file) > MAX_READ_BYTES)) {
        if (Files.isRegularFile(file)) {
          problem("is larger than " + MAX_READ_BYTES / (1024 * 1024) + " MiB, so it is not read");
        }
        return; // a device, a pipe: nothing to read back (and /dev/full or /dev/zero never ends)
      }
      super.load();
    } catch (IOException | IllegalArgumentException e) {
      problem("cannot be read (" + reason(e) + ")");
    }
  }

  @Override public void save() throws IOException {
    if (fileUnusable) {
      return;
    }
    try {
      super.save();
    } catch (IOException e) {
      problem("cannot be written (" + reason(e) + ")");
    }
  }

  /** Says once, in one line, that the history file is not used from now on. */
  private void problem(String what) {
    if (!fileUnusable) {
      fileUnusable = true;
      problems.println("credql: the shell's history " + file() + " " + what
          + "; this session's lines are not kept in it");
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The history file the line reader names, as jline's own history finds it. */
  private @Nullable Path file() {
    final Object file = reader == null ? null : reader.getVariable(LineReader.HISTORY_FILE);
    if (file instanceof Path) {
      return (Path) file;
    }
    if (file instanceof File) {
      return ((File) file).toPath();
    }
    return file == null ? null : Paths.get(file.toString());
  }
}
