package io.credql.shell;

import io.credql.jdbc.Driver;
import io.credql.config.ConnectionProperties;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The command line of {@code credql}, parsed and checked (DESIGN §4). Long options take their
 * value as the next argument or after {@code =} ({@code --output csv}, {@code --output=csv}).
 */
public final class CliOptions {
  static final String USAGE = String.join("\n",
      "Usage: credql [options]",
      "       credql exec [options] [\"<statements>\"]",
      "       credql serve [--port N] [--bind ADDR] [--tls-cert F --tls-key F] --users F [--sandbox] [--property k=v]",
      "       credql user add <name> --role reader|auditor|operator --users F [--providers p1,p2]",
      "",
      "Opens the credql shell; with -e or -f, runs the statements and exits. StackQL's form,",
      "exec, runs the statements given after it, or the -i file, or standard input. serve runs",
      "the team server (docs/server.md); user add writes its users file, reading the password",
      "from standard input.",
      "",
      "  -u <jdbc-url>          connect to this URL (default jdbc:credql:)",
      "  --sandbox              use the bundled providers' simulators: demo data, no account needed",
      "  --property <k=v>       a connection property, e.g. providers=<dir> or auth=<json>; repeatable",
      "  --dry-run, --dryrun    show mutations (method, URL, masked body) instead of sending them",
      "  -e <statements>        run these statements and exit",
      "  -f, -i, --infile <file>  run the statements in this file (- for standard input) and exit",
      "  --var <name=value>     fill the {{ name }} placeholders of -e/-f statements; repeatable",
      "  -q, --iqldata <file>   JSON or YAML data for {{ .values.name }} references in the statements",
      "  --output <format>      table, csv, tsv, json, vertical or text (default table)",
      "  -H, --hideheaders      no header line in csv, tsv and text output",
      "  --progress             with -e/-f, show on standard error how far calls running over 2 s are",
      "                         (the interactive shell always does)",
      "  --reference-docs <dir> write the provider reference pages (one per resource) to <dir>",
      "  -h, --help             show this help",
      "",
      "Result rows go to standard output, messages to standard error. The exit status is 1 when",
      "a statement fails and 2 when the command line is wrong.",
      "");

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final boolean help;
  private final @Nullable String url;
  private final boolean sandbox;
  private final boolean dryRun;
  private final Map<String, String> properties;
  private final @Nullable String statements;
  private final @Nullable String scriptFile;
  private final Map<String, String> variables;
  private final ResultFormat format;
  private final @Nullable String referenceDocs;
  private final boolean progress;
  private final @Nullable String iqlData;
  private final boolean hideHeaders;

  private CliOptions(boolean help, @Nullable String url, boolean sandbox, boolean dryRun,
      Map<String, String> properties, @Nullable String statements, @Nullable String scriptFile,
      Map<String, String> variables, ResultFormat format, @Nullable String referenceDocs,
      boolean progress, @Nullable String iqlData, boolean hideHeaders) {
    this.help = help;
    this.url = url;
    this.sandbox = sandbox;
    this.dryRun = dryRun;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.statements = statements;
    this.scriptFile = scriptFile;
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.format = requireNonNull(format, "format");
    this.referenceDocs = referenceDocs;
    this.progress = progress;
    this.iqlData = iqlData;
    this.hideHeaders = hideHeaders;
  }

  /** Parses the arguments of {@code main}. */
  public static CliOptions parse(List<String> args) throws UsageException {
    requireNonNull(args, "args");
    boolean help = false;
    String url = null;
    boolean sandbox = false;
    boolean dryRun = false;
    final Map<String, String> properties = new LinkedHashMap<>();
    String statements = null;
    String scriptFile = null;
    final Map<String, String> variables = new LinkedHashMap<>();
    ResultFormat format = ResultFormat.TABLE;
    String referenceDocs = null;
    boolean progress = false;
    String iqlData = null;
    boolean hideHeaders = false;
    // StackQL's "stackql exec [query]": the query is the one argument that is not an option
    final boolean exec = !args.isEmpty() && "exec".equals(args.get(0));

    for (int i = exec ? 1 : 0; i < args.size(); i++) {
      final String arg = requireNonNull(args.get(i), "argument");
      final int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
      final String option = equals < 0 ? arg : arg.substring(0, equals);
      final String inline = equals < 0 ? null : arg.substring(equals + 1);
      switch (option) {
      case "-h":
      case "--help":
        noValue(option, inline);
        help = true;
        break;
      case "--sandbox":
        noValue(option, inline);
        sandbox = true;
        break;
      case "--dry-run":
      case "--dryrun":
        noValue(option, inline);
        dryRun = true;
        break;
      case "--progress":
        noValue(option, inline);
        progress = true;
        break;
      case "-u":
        if (url != null) {
          throw new UsageException("-u may be given once");
        }
        url = inline != null ? inline : value(args, ++i, option);
        break;
      case "--property": {
        final String[] pair = pair(inline != null ? inline : value(args, ++i, option), option);
        properties.put(pair[0], pair[1]);
        break;
      }
      case "-H":
      case "--hideheaders":
        noValue(option, inline);
        hideHeaders = true;
        break;
      case "-q":
      case "--iqldata":
        iqlData = inline != null ? inline : value(args, ++i, option);
        break;
      case "-e":
      case "-f":
      case "-i":
      case "--infile":
        if (statements != null || scriptFile != null) {
          throw new UsageException("give one -e or one -f (-i), not several");
        }
        if (option.equals("-e")) {
          statements = value(args, ++i, option);
        } else {
          scriptFile = inline != null ? inline : value(args, ++i, option);
        }
        break;
      case "--var": {
        final String[] pair = pair(inline != null ? inline : value(args, ++i, option), option);
        if (!VARIABLE_NAME.matcher(pair[0]).matches()) {
          throw new UsageException("--var " + pair[0] + "=...: a name is letters, digits and _,"
              + " not starting with a digit");
        }
        variables.put(pair[0], pair[1]);
        break;
      }
      case "--output":
        format = ResultFormat.of(inline != null ? inline : value(args, ++i, option));
        break;
      case "--reference-docs":
        referenceDocs = inline != null ? inline : value(args, ++i, option);
        break;
      default:
        if (exec && !arg.startsWith("-") && statements == null && scriptFile == null) {
          statements = arg;
          break;
        }
        throw new UsageException(arg.startsWith("-")
            ? "unknown option '" + option + "'"
            : "unexpected argument '" + arg + "'; statements go after -e");
      }
    }
    if (referenceDocs != null && (statements != null || scriptFile != null)) {
      throw new UsageException("--reference-docs writes pages and runs no statements; give it without -e or -f");
    }
    if (exec && statements == null && scriptFile == null) {
      scriptFile = "-";
    }
    if (exec && referenceDocs != null) {
      throw new UsageException("exec runs statements; give --reference-docs without exec");
    }
    return new CliOptions(help, url, sandbox, dryRun, properties, statements, scriptFile,
        variables, format, referenceDocs, progress, iqlData, hideHeaders);
  }

  private static void noValue(String option, @Nullable String inline) throws UsageException {
    if (inline != null) {
      throw new UsageException(option + " takes no value");
    }
  }

  private static String value(List<String> args, int index, String option) throws UsageException {
    if (index >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(index);
  }

  private static String[] pair(String text, String option) throws UsageException {
    final int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new UsageException(option + " takes name=value, not '" + text + "'");
    }
    return new String[] {text.substring(0, equals).trim(), text.substring(equals + 1)};
  }

  public boolean help() {
    return help;
  }

  public boolean sandbox() {
    return sandbox;
  }

  /** The JDBC URL to connect to: {@code -u}, else credql's own, on the simulators with {@code --sandbox}. */
  public String url() {
    if (url != null) {
      return url;
    }
    return sandbox
        ? Driver.CONNECT_STRING_PREFIX + ConnectionProperties.SANDBOX + "=true"
        : Driver.CONNECT_STRING_PREFIX;
  }

  /**
   * The connection properties: every {@code --property}, plus {@code sandbox=true} when
   * {@code --sandbox} comes with {@code -u}, and {@code dryRun=true} for {@code --dry-run}. They
   * travel as {@link Properties}, never spliced into the URL, so no value needs URL quoting.
   */
  public Properties connectionProperties() {
    final Properties connection = new Properties();
    properties.forEach(connection::setProperty);
    if (sandbox && url != null) {
      connection.setProperty(ConnectionProperties.SANDBOX, "true");
    }
    if (dryRun) {
      connection.setProperty(ConnectionProperties.DRY_RUN, "true");
    }
    return connection;
  }

  /** The text of {@code -e}, or null. */
  public @Nullable String statements() {
    return statements;
  }

  /** The file of {@code -f} ({@code -} is standard input), or null. */
  public @Nullable String scriptFile() {
    return scriptFile;
  }

  /** Whether {@code -e} or {@code -f} was given. */
  public boolean hasScript() {
    return statements != null || scriptFile != null;
  }

  /** The {@code --var} values, by name. */
  public Map<String, String> variables() {
    return variables;
  }

  public ResultFormat format() {
    return format;
  }

  /** Whether {@code --progress} asks -e/-f to show the progress of long fan-outs. */
  public boolean progress() {
    return progress;
  }

  /** The {@code --iqldata} file, or null. */
  public @Nullable String iqlData() {
    return iqlData;
  }

  /** Whether {@code -H/--hideheaders} drops the header line of csv, tsv and text output. */
  public boolean hideHeaders() {
    return hideHeaders;
  }

  /** The directory of {@code --reference-docs}, or null. */
  public @Nullable String referenceDocs() {
    return referenceDocs;
  }
}
