package io.credql.shell;

import io.credql.audit.AuditLog;
import io.credql.server.ServerCommand;
import io.credql.audit.CredqlDirectory;
import io.credql.sandbox.Sandbox;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@code credql} command (DESIGN §4): without {@code -e} or {@code -f} it opens the
 * interactive shell, with them it runs a script and exits. Result rows go to standard output,
 * messages to standard error; the exit status is 0, 1 when a statement or the connection fails,
 * 2 when the command line is wrong.
 *
 * <p>Without a terminal and without a script ({@code credql < file.sql},
 * {@code echo ... | credql}), standard input is run as a script, as psql and mysql do, rather
 * than fed to a line editor. "A terminal" is what Java 17 can tell: {@link System#console()},
 * which needs both standard input and output to be one.
 */
public final class CredqlCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final @Nullable Path settings;

  /** A command line whose settings live in the user's {@code ~/.credql} ({@code $HOME} honoured). */
  public CredqlCli() {
    this.settings = CredqlDirectory.of();
  }

  /** A command line whose settings ({@code .credql/history}) live under {@code home}. */
  public CredqlCli(Path home) {
    this.settings = requireNonNull(home, "home").resolve(".credql");
  }

  /**
   * Libraries whose DEBUG lines quote statements, plans with their literals, or HTTP messages with
   * their headers, verbatim: they log at INFO unless a {@code -Dorg.slf4j.simpleLogger.log.<name>}
   * says otherwise, so {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug} shows credql's own
   * (redacted) debug lines without a password typed in a WHERE clause.
   */
  private static final List<String> VERBATIM_LOGGERS = List.of("org.apache.calcite", "com.jayway.jsonpath",
      "wiremock", "com.github.tomakehurst", "org.eclipse.jetty", "okhttp3", "sqlline");

  public static void main(String[] args) {
    for (String logger : VERBATIM_LOGGERS) {
      final String property = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(property) == null) {
        System.setProperty(property, "info");
      }
    }
    final PrintStream out = new PrintStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
        StandardCharsets.UTF_8);
    final PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> reportInterruptedCalls(err),
        "credql-interrupted-calls"));
    final int status = new CredqlCli().run(args, System.in, out, err);
    out.flush();
    err.flush();
    // the sandbox's simulators and the HTTP client's pools would keep the JVM alive
    System.exit(status);
  }

  /**
   * On Ctrl-C or SIGTERM, says which mutations were in flight and how to check each, after the
   * audit log has recorded their outcome as unknown; on a normal exit none are.
   */
  private static void reportInterruptedCalls(PrintStream err) {
    for (String line : AuditLog.recordInterrupted("credql was stopped by a signal")) {
      err.println("credql: interrupted: " + PrintableText.of(line));
    }
    err.flush();
  }

  /**
   * Runs the command.
   *
   * @return the exit status
   */
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    requireNonNull(in, "in");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    if (args.length > 0 && ServerCommand.handles(args[0])) {
      return ServerCommand.run(Arrays.asList(args), in, out, err);
    }
    final CliOptions options;
    try {
      options = CliOptions.parse(Arrays.asList(args));
    } catch (UsageException e) {
      err.println("credql: " + e.getMessage());
      err.println();
      err.print(CliOptions.USAGE);
      return USAGE;
    }
    try {
      if (options.help()) {
        out.print(CliOptions.USAGE);
        return OK;
      }
      if (options.referenceDocs() != null) {
        return ReferenceDocsCommand.of(options).run(err);
      }
      if (options.hasScript()) {
        return runScript(options, readScript(options, in), out, err);
      }
      if (in == System.in && System.console() != null) {
        return runShell(options, out, err);
      }
      return runScript(options, readAll(in), out, err);
    } catch (IOException e) {
      err.println("credql: " + e.getMessage());
      return FAILED;
    } finally {
      out.flush();
    }
  }

  private int runShell(CliOptions options, PrintStream out, PrintStream err) throws IOException {
    if (!options.variables().isEmpty() || options.iqlData() != null) {
      err.println("credql: --var and --iqldata fill the placeholders of -e and -f statements;"
          + " the interactive shell has none");
      return USAGE;
    }
    if (options.sandbox()) {
      err.print(SandboxBanner.text(Sandbox.shared().exampleQueries()));
    }
    if (settings == null) {
      err.println("credql: no home directory to keep the shell's history in: set HOME");
      return FAILED;
    }
    final Path historyFile = settings.resolve("history");
    return new CredqlShell(options.url(), options.connectionProperties(), options.format(),
        historyFile, new SecretFilteringHistory()).run(null, out, err);
  }

  private static int runScript(CliOptions options, String script, PrintStream out,
      PrintStream err) {
    final String filled;
    try {
      filled = Placeholders.fill(IqlTemplate.render(script, iqlData(options)), options.variables());
    } catch (UnfilledPlaceholderException | UsageException e) {
      err.println("credql: " + e.getMessage());
      return USAGE;
    } catch (IOException e) {
      err.println("credql: " + e.getMessage());
      return FAILED;
    }
    final List<ScriptStatement> statements = StatementSplitter.split(filled);
    if (statements.isEmpty()) {
      return OK;
    }
    final Connection connection;
    try {
      connection = DriverManager.getConnection(options.url(), options.connectionProperties());
    } catch (SQLException e) {
      err.println("credql: cannot connect: " + ScriptRunner.message(e));
      return FAILED;
    }
    try (ProgressLine progress = options.progress()
        ? ProgressLine.of(connection, err, System.console() != null) : null) {
      return new ScriptRunner(connection, options.format(), out, err, options.hideHeaders()).run(statements);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // the statements have run; their status is what counts
      }
    }
  }

  /** The {@code --iqldata} file's data, or null without one. */
  private static com.fasterxml.jackson.databind.@Nullable JsonNode iqlData(CliOptions options)
      throws IOException, UsageException {
    final String file = options.iqlData();
    return file == null ? null : IqlTemplate.data(readFile(file), "--iqldata " + file);
  }

  private static String readScript(CliOptions options, InputStream in) throws IOException {
    if (options.statements() != null) {
      return ScriptText.withoutByteOrderMark(options.statements());
    }
    final String file = requireNonNull(options.scriptFile(), "scriptFile");
    if (file.equals("-")) {
      return readAll(in);
    }
    return readFile(file);
  }

  private static String readFile(String file) throws IOException {
    final byte[] bytes;
    try {
      bytes = Files.readAllBytes(Paths.get(file));
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return ScriptText.decode(bytes, file);
  }

  private static String readAll(InputStream in) throws IOException {
    return ScriptText.decode(in.readAllBytes(), "standard input");
  }
}
