package io.credql.shell;

import io.credql.session.ProviderCatalog;
import io.credql.session.CatalogSecretNames;
import io.credql.jdbc.Driver;
import io.credql.redact.Redactor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import sqlline.BuiltInProperty;
import sqlline.Commands;
import sqlline.DispatchCallback;
import sqlline.SqlLine;
import sqlline.SqlLineOpts;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The interactive shell: sqlline on one credql connection, with credql's prompt, the output
 * format of {@code --output}, and its history in {@code ~/.credql/history}.
 *
 * <p>Everything about how sqlline is started lives here. The line history is the
 * {@link SecretFilteringHistory} given to the constructor, which replaces the {@code DefaultHistory}
 * sqlline would create, so that no typed secret reaches the history file.
 */
public final class CredqlShell {
  static final String PROMPT = "credql> ";
  private static final int MIN_WIDTH = 20;
  private static final int DEFAULT_WIDTH = 120;

  private final String url;
  private final Properties properties;
  private final ResultFormat format;
  private final Path historyFile;
  private final Path historyDirectory;
  private final SecretFilteringHistory history;

  /**
   * Creates a shell.
   *
   * @param url         the JDBC URL to connect to
   * @param properties  connection properties, passed to the driver as they are
   * @param format      the output format
   * @param historyFile where the line history is kept; its directory is created
   * @param history     the line history; it reads and writes {@code historyFile}, secrets masked
   */
  public CredqlShell(String url, Properties properties, ResultFormat format, Path historyFile,
      SecretFilteringHistory history) {
    this.url = requireNonNull(url, "url");
    this.properties = (Properties) requireNonNull(properties, "properties").clone();
    this.format = requireNonNull(format, "format");
    this.historyFile = requireNonNull(historyFile, "historyFile").toAbsolutePath();
    this.historyDirectory = requireNonNull(this.historyFile.getParent(), "historyFile is a root directory");
    this.history = requireNonNull(history, "history");
  }

  /**
   * Runs the shell until {@code !quit} or the end of input.
   *
   * @param in  what the user types, or null for the process's terminal
   * @return the exit status: 0, or 1 if the connection failed or the session ended on an error
   */
  public int run(@Nullable InputStream in, PrintStream out, PrintStream err) throws IOException {
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    history.reportProblemsTo(err);
    prepareHistoryFile();
    // sqlline keeps its own settings (sqlline.properties, written by !save) beside the history,
    // not in ~/.sqlline; the property must be set before sqlline's first use
    if (System.getProperty(SqlLine.SQLLINE_BASE_DIR) == null) {
      System.setProperty(SqlLine.SQLLINE_BASE_DIR, historyDirectory.toString());
    }
    final ShellSqlLine sqlLine = new ShellSqlLine(history);
    sqlLine.setOutputStream(out);
    sqlLine.setErrorStream(err);
    configure(sqlLine.getOpts());
    if (!connect(sqlLine)) {
      return 1;
    }
    try (ProgressLine progress = ProgressLine.of(connection(sqlLine), err, true)) {
      final SqlLine.Status status =
          sqlLine.begin(new String[] {"-ac", CredqlApplication.class.getName()}, in, true);
      return status == SqlLine.Status.OK ? 0 : 1;
    }
  }

  private void configure(SqlLineOpts opts) {
    opts.set(BuiltInProperty.PROMPT, PROMPT);
    opts.set(BuiltInProperty.OUTPUT_FORMAT, format.sqllineFormat());
    opts.set(BuiltInProperty.INCREMENTAL, false);
    // the only warnings credql gives: an outcome the audit log could not record
    opts.set(BuiltInProperty.SHOW_WARNINGS, true);
    opts.set(BuiltInProperty.CSV_QUOTE_CHARACTER, '"');
    // typed JSON inside a string ('{"ttl": "900s"}', common in EXEC) comes out mangled when
    // quotes and braces are paired automatically
    opts.set(BuiltInProperty.AUTO_PAIRING, false);
    // credql has no users or passwords of its own: never ask for them
    opts.set(BuiltInProperty.CONNECT_INTERACTION_MODE, "notAskCredentials");
    // credql runs no transactions; sqlline's default (REPEATABLE_READ) would warn on connect
    opts.set(BuiltInProperty.ISOLATION, "TRANSACTION_NONE");
    opts.setHistoryFile(historyFile.toString());
  }

  /**
   * Opens the connection before sqlline's command loop, with the properties as a
   * {@link Properties} object: sqlline's {@code -u} takes no properties, and its
   * {@code !connect -p name value} would put them through its own quoting, which changes some
   * values. {@link Commands#connect(Properties, DispatchCallback)} takes them as they are, but
   * sqlline 1.12 keeps its {@code Commands} behind a package-private getter, hence reflection.
   */
  private boolean connect(SqlLine sqlLine) {
    final Properties connect = (Properties) properties.clone();
    connect.setProperty("url", url);
    connect.setProperty("driver", Driver.class.getName());
    connect.setProperty("user", "");
    connect.setProperty("password", "");
    final DispatchCallback callback = new DispatchCallback();
    commands(sqlLine).connect(connect, callback);
    if (callback.isSuccess()) {
      try {
        final java.sql.Connection connection = connection(sqlLine);
        history.maskWith(connection.unwrap(Redactor.class),
            CatalogSecretNames.of(connection.unwrap(ProviderCatalog.class)));
      } catch (SQLException e) {
        // not a credql connection: lines are still masked by the names they mention
      }
    }
    return callback.isSuccess();
  }

  private static Commands commands(SqlLine sqlLine) {
    return (Commands) packagePrivate(sqlLine, "getCommands");
  }

  /** The open connection, whose secrets the history must also mask (package-private in sqlline 1.12). */
  private static java.sql.Connection connection(SqlLine sqlLine) {
    return (java.sql.Connection) packagePrivate(sqlLine, "getConnection");
  }

  private static Object packagePrivate(SqlLine sqlLine, String getter) {
    try {
      final Method method = SqlLine.class.getDeclaredMethod(getter);
      method.setAccessible(true);
      return method.invoke(sqlLine);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("this sqlline has no SqlLine." + getter + "(); credql is"
          + " built for sqlline 1.12", e);
    }
  }

  /** Creates the history's directory and file readable by the user only: it holds statements. */
  private void prepareHistoryFile() throws IOException {
    if (!Files.isDirectory(historyDirectory)) {
      Files.createDirectories(historyDirectory);
      restrict(historyDirectory, "rwx------");
    }
    try {
      Files.createFile(historyFile);
      restrict(historyFile, "rw-------");
    } catch (FileAlreadyExistsException e) {
      // kept as it is
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the platform's defaults apply
    }
  }

  /**
   * sqlline with the shell's history instead of its own, and errors as one line of text rather
   * than a stack trace (sqlline prints stack traces for errors before its loop starts, such as a
   * failed connection).
   */
  private static final class ShellSqlLine extends SqlLine {
    private final History history;

    ShellSqlLine(History history) {
      this.history = requireNonNull(history, "history");
    }

    /**
     * sqlline 1.12 only attaches the history it is given; its line reader keeps the one its
     * builder made and writes every line there. Make the reader use the shell's history.
     */
    @Override public LineReader getConsoleReader(InputStream inputStream, History ignored)
        throws IOException {
      final LineReader reader = super.getConsoleReader(inputStream, history);
      if (getOpts().getMaxWidth() < MIN_WIDTH) {
        // a terminal that reports no size (a bare pseudo-terminal) would cut every row to nothing
        getOpts().set(BuiltInProperty.MAX_WIDTH, DEFAULT_WIDTH);
      }
      if (reader instanceof LineReaderImpl && ((LineReaderImpl) reader).getHistory() != history) {
        ((LineReaderImpl) reader).setHistory(history);
        history.attach(reader);
      }
      return reader;
    }

    @Override public void handleException(Throwable e) {
      final SQLException sql = sqlException(e);
      if (sql == null || getOpts().getVerbose()) {
        super.handleException(e);
      } else if (sql instanceof SQLWarning) {
        if (getOpts().getShowWarnings()) {
          error("Warning: " + message(sql));
        }
      } else {
        error("Error: " + message(sql));
      }
    }

    /** The SQLException, if any, that sqlline got, perhaps wrapped by reflection or by itself. */
    private static @Nullable SQLException sqlException(Throwable e) {
      Throwable cause = e;
      while (cause instanceof InvocationTargetException
          || cause instanceof RuntimeException && cause.getCause() instanceof SQLException) {
        cause = cause.getCause();
      }
      return cause instanceof SQLException ? (SQLException) cause : null;
    }

    private static String message(SQLException e) {
      final String message = e.getMessage();
      return message == null || message.isBlank() ? e.getClass().getSimpleName()
          : PrintableText.of(message.trim());
    }
  }
}
