package io.credql.shell;

import io.credql.huaweicloud.HuaweiCloudDataset;
import io.credql.huaweicloud.HuaweiCloudSimulator;
import io.credql.linode.DatabaseEngine;
import io.credql.linode.LinodeDataset;
import io.credql.linode.LinodeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.credql.shell.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole session with known secrets, then a search of every place output goes: an interactive
 * shell in a real terminal, scripts with {@code -f} (sent and dry run), and JDBC, doing SELECTs of
 * credentials, EXECs whose passwords come as literals, {@code env()}, {@code file()} and
 * {@code @@json}, a password the provider's rules refuse, a provider error, a syntax error. Then
 * every secret, also URL- and JSON-encoded, is looked for in the terminal, standard output and
 * error, the debug log, every file the shell wrote under its home (history, audit log), and the
 * full stack traces of the errors. A password the user SELECTs may appear only where its rows are
 * printed.
 */
class SecretLeakSessionIT {
  private static final String LINODE_TOKEN = "leak-linode-token-Q7x2v9";
  private static final String ACCESS_KEY = "LEAKAK0000000000000001";
  private static final String SECRET_KEY = "leak-huawei-secret-key-Zr81w";
  private static final String REGION = HuaweiCloudDataset.DEMO_REGION;
  private static final String PROJECT = HuaweiCloudDataset.DEMO_PROJECT_ID;
  private static final String GAUSSDB = HuaweiCloudDataset.DEMO_GAUSSDB_ACTIVE;
  private static final String RDS = HuaweiCloudDataset.DEMO_RDS_MYSQL;

  @TempDir Path home;
  @TempDir Path outside;

  private LinodeSimulator linode;
  private HuaweiCloudSimulator huawei;
  /** Secrets that must appear nowhere, by what they are. */
  private final Map<String, String> hidden = new LinkedHashMap<>();
  /** Passwords the session SELECTs: they may appear only in the printed rows. */
  private final List<String> selected = new ArrayList<>();
  /** Output channels searched, by name. */
  private final Map<String, String> channels = new LinkedHashMap<>();
  /** Channels where SELECTed rows are printed. */
  private final List<String> rowChannels = new ArrayList<>();
  private int secretNumber;
  private int processes;

  @BeforeEach void start() {
    linode = LinodeSimulator.builder().token(LINODE_TOKEN).dataset(LinodeDataset.demo()).build().start();
    huawei = HuaweiCloudSimulator.builder().accessKey(ACCESS_KEY).secretKey(SECRET_KEY).build().start();
    hidden.put("Linode token", LINODE_TOKEN);
    hidden.put("Huawei secret key", SECRET_KEY);
  }

  @AfterEach void stop() {
    linode.close();
    huawei.close();
  }

  /** A new password the GaussDB and RDS MySQL rules accept, remembered as hidden. */
  private String secret(String what) {
    final String value = "Lk" + what.replaceAll("[^A-Za-z]", "") + "-" + (++secretNumber) + "x#Q9";
    hidden.put(what + " " + secretNumber, value);
    return value;
  }

  /** A password GaussDB's rules refuse (lower-case letters only), remembered as hidden. */
  private String weak(String what) {
    final String value = "weakleak" + what.replaceAll("[^a-z]", "") + "x".repeat(++secretNumber);
    hidden.put(what + " " + secretNumber, value);
    return value;
  }

  private String url() {
    return "jdbc:credql:baseUrl.linode=" + linode.baseUrl() + ";" + huawei.jdbcProperties();
  }

  private ProcessBuilder credql(String envPassword, String... args) {
    final List<String> command = CredqlJar.command("-Duser.home=" + home,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
        "-Dorg.slf4j.simpleLogger.logFile=" + home.resolve("credql-" + (++processes) + ".log"));
    command.addAll(List.of("-u", url()));
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("LINODE_TOKEN", LINODE_TOKEN);
    builder.environment().put("HUAWEICLOUD_SDK_AK", ACCESS_KEY);
    builder.environment().put("HUAWEICLOUD_SDK_SK", SECRET_KEY);
    builder.environment().put("NEW_DB_PASSWORD", envPassword);
    return builder;
  }

  private static String gaussDbReset(String instance, String passwordExpression) {
    return "EXEC huaweicloud.gaussdb.db_user_password.reset @region = '" + REGION + "' @project_id = '"
        + PROJECT + "' @instance_id = '" + instance + "' @name = 'app_user' @password = "
        + passwordExpression + ";";
  }

  private static String rdsReset(String password) {
    return "EXEC huaweicloud.rds.root_password.reset @region = '" + REGION + "' @project_id = '"
        + PROJECT + "' @instance_id = '" + RDS + "' @@json = '{\"db_user_pwd\": \"" + password + "\"}';";
  }

  /** The statements of one session: those that succeed, then those that fail. */
  private record Session(List<String> succeeding, List<String> failing) {
    List<String> all() {
      final List<String> all = new ArrayList<>(succeeding);
      all.addAll(failing);
      return all;
    }
  }

  /** Successes, a refusal by the provider's rules, a provider error, a syntax error. */
  private Session session(Path passwordFile, String literal, String fromFile, String root) throws IOException {
    Files.writeString(passwordFile, fromFile + "\n");
    return new Session(List.of(
        "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123;",
        "EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123;",
        "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123;",
        "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123"
            + " AND password = '" + secret("compared in WHERE") + "';",
        gaussDbReset(GAUSSDB, "'" + literal + "'"),
        gaussDbReset(GAUSSDB, "env('NEW_DB_PASSWORD')"),
        gaussDbReset(GAUSSDB, "file('" + passwordFile + "')"),
        rdsReset(root)), List.of(
        gaussDbReset(GAUSSDB, "'" + weak("refused") + "'"),
        gaussDbReset("ffffffffffffffffffffffffffffffffin14", "'" + secret("for a missing instance") + "'"),
        "EXEC huaweicloud.gaussdb.db_user_password.reset @password '" + secret("in a syntax error") + "';"));
  }

  @Test void noSecretReachesAnyOutputChannel() throws Exception {
    interactiveShell();
    script();
    dryRun();
    jdbc();
    for (Path file : filesUnder(home)) {
      channels.put("file ~/" + home.relativize(file), Files.readString(file));
    }
    assertTrue(channels.containsKey("file ~/.credql/history"), channels.keySet().toString());
    assertTrue(channels.containsKey("file ~/.credql/audit.jsonl"), channels.keySet().toString());
    assertTrue(channels.get("file ~/credql-1.log").contains("DEBUG io.credql"), "the log was at debug level");

    final List<String> leaks = new ArrayList<>();
    for (Map.Entry<String, String> channel : channels.entrySet()) {
      for (Map.Entry<String, String> secret : hidden.entrySet()) {
        if (typedAt(channel.getKey(), secret.getValue())) {
          continue;
        }
        for (String form : forms(secret.getValue())) {
          if (channel.getValue().contains(form)) {
            leaks.add(secret.getKey() + " in " + channel.getKey());
          }
        }
      }
      if (!rowChannels.contains(channel.getKey())) {
        for (String password : selected) {
          if (channel.getValue().contains(password)) {
            leaks.add("a SELECTed password in " + channel.getKey());
          }
        }
      }
    }
    System.out.println("leak session: " + hidden.size() + " secrets and " + selected.size()
        + " SELECTed passwords searched in " + channels.size() + " channels " + channels.keySet()
        + "; leaks: " + leaks.size());
    assertEquals(List.of(), leaks);
  }

  /** A terminal shows what is typed at it: literals typed there are looked for everywhere else. */
  private boolean typedAt(String channel, String secret) {
    return channel.equals("terminal") && typed.contains(secret);
  }

  private final List<String> typed = new ArrayList<>();

  private void interactiveShell() throws Exception {
    final String literal = secret("typed literal");
    final String fromEnv = secret("from env");
    final String fromFile = secret("from a file");
    final String root = secret("in @@json");
    final List<String> statements = session(outside.resolve("shell-password"), literal, fromFile, root).all();
    statements.add("SELECT id FROM linode.databases.postgresql_instances WHERE label = 'end-of-session';");
    hidden.forEach((what, value) -> {
      if (!value.equals(fromEnv) && !value.equals(fromFile) && !value.equals(LINODE_TOKEN) && !value.equals(SECRET_KEY)) {
        typed.add(value);
      }
    });
    final String before = linode.password(DatabaseEngine.POSTGRESQL, 123);
    final String command = String.join(" ", credql(fromEnv).command().stream()
        .map(a -> "'" + a + "'").toList());
    final ProcessBuilder builder = credql(fromEnv);
    builder.command("script", "-q", "-e", "-c", command, "/dev/null")
        .redirectErrorStream(true)
        .redirectOutput(outside.resolve("terminal").toFile());
    final Process process = builder.start();
    final Path history = home.resolve(".credql").resolve("history");
    try (OutputStream keyboard = process.getOutputStream()) {
      waitFor(() -> Files.readString(outside.resolve("terminal")).contains("!quit or Ctrl-D to leave"), 60);
      for (String statement : statements) {
        keyboard.write((statement + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
      }
      waitFor(() -> Files.isRegularFile(history) && Files.readString(history).contains("end-of-session"), 120);
      keyboard.write("!quit\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the shell ended");
    final String terminal = Files.readString(outside.resolve("terminal"));
    final String after = linode.password(DatabaseEngine.POSTGRESQL, 123);
    assertNotEquals(before, after, "the reset took effect");
    assertTrue(terminal.contains(before) && terminal.contains(after), "the SELECTs showed the passwords:\n" + terminal);
    assertTrue(terminal.contains("DBS.200002") || terminal.contains("HTTP 404"), terminal);
    assertTrue(terminal.contains("syntax error"), terminal);
    assertEquals(root, huawei.rootPassword(RDS), "the @@json password reached the provider");
    assertEquals(fromFile, huawei.accountPassword(GAUSSDB, "app_user"), "the file's password reached the provider");
    selected.add(before);
    selected.add(after);
    channels.put("terminal", terminal);
    rowChannels.add("terminal");
  }

  /** A script stops at its first failing statement: the successes run as one, each failure alone. */
  private void script() throws Exception {
    final String literal = secret("script literal");
    final String fromEnv = secret("script env");
    final String fromFile = secret("script file");
    final String root = secret("script @@json");
    final Session statements = session(outside.resolve("script-password"), literal, fromFile, root);
    final String before = linode.password(DatabaseEngine.POSTGRESQL, 123);
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
    assertEquals(0, runScript(fromEnv, statements.succeeding(), out, err), out + "\n" + err);
    for (String failing : statements.failing()) {
      assertEquals(1, runScript(fromEnv, List.of(failing), out, err), out + "\n" + err);
    }
    final String after = linode.password(DatabaseEngine.POSTGRESQL, 123);
    assertTrue(out.toString().contains(before) && out.toString().contains(after), "stdout:\n" + out + "\nstderr:\n" + err);
    assertTrue(err.toString().contains("syntax error"), err.toString());
    assertTrue(err.toString().contains("nothing was sent"), err.toString());
    assertEquals(root, huawei.rootPassword(RDS));
    assertEquals(fromFile, huawei.accountPassword(GAUSSDB, "app_user"));
    selected.add(before);
    selected.add(after);
    channels.put("script stdout", out.toString());
    channels.put("script stderr", err.toString());
    rowChannels.add("script stdout");
  }

  private int runScript(String envPassword, List<String> statements, StringBuilder out, StringBuilder err)
      throws Exception {
    final Path file = Files.createTempFile(outside, "script", ".sql");
    Files.writeString(file, String.join("\n", statements));
    final Path stdout = Files.createTempFile(outside, "script", ".out");
    final Path stderr = Files.createTempFile(outside, "script", ".err");
    final Process process = credql(envPassword, "-f", file.toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the script ended");
    out.append(Files.readString(stdout));
    err.append(Files.readString(stderr));
    return process.exitValue();
  }

  private void dryRun() throws Exception {
    final String literal = secret("dry-run literal");
    final String fromEnv = secret("dry-run env");
    final String fromFile = secret("dry-run file");
    final String root = secret("dry-run @@json");
    final Path passwordFile = outside.resolve("dry-run-password");
    Files.writeString(passwordFile, fromFile + "\n");
    final Path file = outside.resolve("dry-run.sql");
    Files.writeString(file, String.join("\n",
        gaussDbReset(GAUSSDB, "'" + literal + "'"),
        gaussDbReset(GAUSSDB, "env('NEW_DB_PASSWORD')"),
        gaussDbReset(GAUSSDB, "file('" + passwordFile + "')"),
        rdsReset(root)));
    final int requests = huawei.requestCount();
    final Process process = credql(fromEnv, "--dry-run", "--output", "json", "-f", file.toString())
        .redirectOutput(outside.resolve("dry-run.out").toFile())
        .redirectError(outside.resolve("dry-run.err").toFile())
        .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the dry run ended");
    final String out = Files.readString(outside.resolve("dry-run.out"));
    assertEquals(0, process.exitValue(), out + Files.readString(outside.resolve("dry-run.err")));
    assertTrue(out.contains("db-user/password") && out.contains("********"), out);
    assertEquals(requests, huawei.requestCount(), "a dry run sends nothing");
    channels.put("dry-run stdout", out);
    channels.put("dry-run stderr", Files.readString(outside.resolve("dry-run.err")));
  }

  private void jdbc() throws Exception {
    final String fromEnvFile = secret("jdbc file");
    final Path passwordFile = outside.resolve("jdbc-password");
    Files.writeString(passwordFile, fromEnvFile);
    final StringBuilder traces = new StringBuilder();
    final Properties properties = new Properties();
    properties.setProperty("auditLog", home.resolve(".credql").resolve("audit.jsonl").toString());
    final List<String> failing = List.of(
        gaussDbReset(GAUSSDB, "'" + weak("jdbc refused") + "'"),
        gaussDbReset("ffffffffffffffffffffffffffffffffin14", "'" + secret("jdbc missing instance") + "'"),
        gaussDbReset("ffffffffffffffffffffffffffffffffin14", "file('" + passwordFile + "')"),
        "EXEC huaweicloud.gaussdb.db_user_password.reset @password '" + secret("jdbc syntax") + "';",
        "EXEC huaweicloud.gaussdb.db_user_password.reset @password = '" + secret("jdbc unterminated"),
        "SELECT * FROM linode.databases.postgresql_instances WHERE label = '" + secret("jdbc bad name") + "' FROM");
    // the JDBC driver reads credentials from the environment of this JVM: failsafe has none, so
    // the Linode and Huawei calls here fail for want of credentials, which is one more error path
    try (Connection c = DriverManager.getConnection(url(), properties); Statement s = c.createStatement()) {
      for (String sql : failing) {
        try {
          s.execute(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
          traces.append("no error: ").append(sql).append('\n');
        } catch (SQLException e) {
          final StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          traces.append(trace);
        }
      }
    }
    assertTrue(traces.toString().contains("syntax error"), traces.toString());
    channels.put("JDBC exceptions (stack traces with causes)", traces.toString());
  }

  /** A secret as it would be written raw, URL-encoded or JSON-escaped. */
  private static List<String> forms(String secret) {
    return Stream.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
        URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"),
        secret.replace("\\", "\\\\").replace("\"", "\\\"")).distinct().toList();
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
