package io.credql.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The command lines of the team server: {@code credql serve [--port N] [--bind ADDR]
 * [--tls-cert F --tls-key F] --users F [--sandbox] [--property k=v ...] [--max-request-bytes N]}
 * and {@code credql user add NAME --role reader|auditor|operator --users F [--providers a,b]}, which
 * reads the password from standard input, never from an argument, and {@code credql token add}
 * with the same options, which prints a new bearer token once and keeps only its hash.
 */
public final class ServerCommand {
  private static final String USAGE = "usage: credql serve [--port N] [--bind ADDR] [--tls-cert cert.pem --tls-key key.pem]"
      + " --users FILE [--sandbox] [--property k=v ...]\n"
      + "       credql user add NAME --role reader|auditor|operator --users FILE [--providers p1,p2]"
      + "  (the password is read from standard input)\n"
      + "       credql token add NAME --role reader|auditor|operator --users FILE [--providers p1,p2]"
      + "  (prints a new bearer token once)";

  private ServerCommand() {
  }

  /** Whether {@code first} (the first argument) names one of these commands. */
  public static boolean handles(String first) {
    return first.equals("serve") || first.equals("user") || first.equals("token");
  }

  /** Runs the command, printing a new token to standard output (see {@link #run(List, InputStream, PrintStream, PrintStream)}). */
  public static int run(List<String> args, InputStream in, PrintStream err) {
    return run(args, in, System.out, err);
  }

  /**
   * Runs the command; {@code serve} returns when the server stops. A new token goes to
   * {@code out}, alone on its line; messages go to {@code err}.
   *
   * @return the exit status
   */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    try {
      if (args.get(0).equals("serve")) {
        return serve(args.subList(1, args.size()), err);
      }
      if (args.size() >= 2 && args.get(0).equals("user") && args.get(1).equals("add")) {
        return addUser(args.subList(2, args.size()), in, err);
      }
      if (args.size() >= 2 && args.get(0).equals("token") && args.get(1).equals("add")) {
        return addToken(args.subList(2, args.size()), out, err);
      }
      throw new IllegalArgumentException("unknown command 'credql " + String.join(" ", args) + "'");
    } catch (IllegalArgumentException | IOException | SQLException e) {
      err.println("credql: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static int serve(List<String> args, PrintStream err)
      throws IOException, SQLException, InterruptedException {
    String bind = "127.0.0.1";
    int port = 8765;
    Path cert = null;
    Path key = null;
    Path users = null;
    long maxRequest = ServerSettings.DEFAULT_MAX_REQUEST_BYTES;
    final Properties connection = new Properties();
    for (int i = 0; i < args.size(); i++) {
      final String option = args.get(i);
      switch (option) {
      case "--sandbox":
        connection.setProperty("sandbox", "true");
        continue;
      case "--port":
        port = number(option, value(args, ++i, option));
        break;
      case "--bind":
        bind = value(args, ++i, option);
        break;
      case "--tls-cert":
        cert = Paths.get(value(args, ++i, option));
        break;
      case "--tls-key":
        key = Paths.get(value(args, ++i, option));
        break;
      case "--users":
        users = Paths.get(value(args, ++i, option));
        break;
      case "--max-request-bytes":
        maxRequest = number(option, value(args, ++i, option));
        break;
      case "--property":
        final String pair = value(args, ++i, option);
        final int equals = pair.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException("--property takes k=v, not '" + pair + "'");
        }
        connection.setProperty(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        break;
      default:
        throw new IllegalArgumentException("unknown option '" + option + "' of credql serve");
      }
    }
    if (users == null) {
      throw new IllegalArgumentException("credql serve needs --users FILE (make one with credql user add)");
    }
    ServerSettings settings = ServerSettings.of(users, connection).withAddress(bind, port)
        .withMaxRequestBytes(maxRequest);
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new IllegalArgumentException("give both --tls-cert and --tls-key");
      }
      settings = settings.withTls(cert, key);
    }
    try (CredqlServer server = CredqlServer.start(settings)) {
      err.println("credql: serving on " + server.url() + " (users from " + users + "); stop with Ctrl-C");
      err.println("credql: connect with jdbc:credql:remote=" + server.url()
          + " or jdbc:avatica:remote:url=" + server.url() + ";serialization=PROTOBUF;authentication=BASIC");
      err.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "credql-server-stop"));
      server.join();
    }
    return 0;
  }

  private static int addUser(List<String> args, InputStream in, PrintStream err) throws IOException {
    final NewUser user = NewUser.parse("user", args);
    final char[] password = password(in, err, user.name());
    try {
      new UsersFile(user.users()).add(user.name(), user.role(), user.providers(), password);
    } finally {
      Arrays.fill(password, '\0');
    }
    err.println("credql: user " + user + " written to " + user.users());
    return 0;
  }

  private static int addToken(List<String> args, PrintStream out, PrintStream err) throws IOException {
    final NewUser user = NewUser.parse("token", args);
    final String token = new UsersFile(user.users()).addToken(user.name(), user.role(), user.providers());
    out.println(token);
    out.flush();
    err.println("credql: token user " + user + " written to " + user.users() + "; the token above is shown"
        + " only now (the file keeps its SHA-256): send it as Authorization: Bearer, or as the password of "
        + user.name());
    return 0;
  }

  /** The options of {@code credql user add} and {@code credql token add}: who, with which role and providers, in which file. */
  private record NewUser(String name, Role role, Set<String> providers, Path users) {
    static NewUser parse(String command, List<String> args) {
      if (args.isEmpty() || args.get(0).startsWith("--")) {
        throw new IllegalArgumentException("credql " + command + " add needs a user name");
      }
      final String name = args.get(0);
      Role role = null;
      Path users = null;
      final Set<String> providers = new TreeSet<>();
      for (int i = 1; i < args.size(); i++) {
        final String option = args.get(i);
        switch (option) {
        case "--role":
          role = Role.of(value(args, ++i, option));
          break;
        case "--users":
          users = Paths.get(value(args, ++i, option));
          break;
        case "--providers":
          Arrays.stream(value(args, ++i, option).split(",")).map(String::trim).filter(p -> !p.isEmpty())
              .forEach(providers::add);
          break;
        case "--password":
        case "--token":
          throw new IllegalArgumentException(command.equals("user")
              ? "a password is never an argument (it would stay in the shell's history and the process list);"
                  + " type it on standard input"
              : "a token is never an argument: credql token add makes a new one and prints it");
        default:
          throw new IllegalArgumentException("unknown option '" + option + "' of credql " + command + " add");
        }
      }
      if (role == null || users == null) {
        throw new IllegalArgumentException("credql " + command + " add needs --role and --users");
      }
      return new NewUser(name, role, providers, users);
    }

    @Override public String toString() {
      return name + " (" + role + (providers.isEmpty() ? "" : ", providers " + String.join(",", providers)) + ")";
    }
  }

  /** The first line of standard input, or what the terminal reads without echo. */
  private static char[] password(InputStream in, PrintStream err, String name) throws IOException {
    if (in == System.in && System.console() != null) {
      final char[] typed = System.console().readPassword("password for %s: ", name);
      return typed == null ? new char[0] : typed;
    }
    final ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line.toByteArray()));
    final char[] password = new char[chars.remaining()];
    chars.get(password);
    return password;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
    }
  }
}
