package io.credql.jdbc;

import io.credql.session.ProviderCatalog;
import io.credql.error.InvalidInputException;
import io.credql.functions.SqliteTypeSystem;
import io.credql.registry.InstalledProviders;
import io.credql.plan.ProviderSchema;
import io.credql.config.ConnectionProperties;
import io.credql.session.CredqlSession;
import io.credql.statement.ViewStore;
import io.credql.config.Environment;
import io.credql.spi.RunningSimulator;
import io.credql.sql.parser.impl.CredqlSqlParserImpl;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CredqlMetaImpl;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * JDBC driver of credql, {@code jdbc:credql:} followed by {@code key=value} pairs separated by
 * {@code ;} (see {@link ConnectionProperties}). A Calcite driver whose root schema holds one
 * schema per provider, whose parser also knows StackQL's statements, and whose identifiers keep
 * their case and match ignoring it.
 */
public class Driver extends org.apache.calcite.jdbc.Driver {
  public static final String CONNECT_STRING_PREFIX = "jdbc:credql:";

  static {
    new Driver().register();
  }

  public Driver() {
    super(CredqlPrepare::new);
  }

  @Override protected String getConnectStringPrefix() {
    return CONNECT_STRING_PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    return new DriverVersion("credql JDBC Driver", CredqlSession.VERSION, "credql",
        CredqlSession.VERSION, true, 0, 1, 0, 1);
  }

  @Override public Meta createMeta(AvaticaConnection connection) {
    return CredqlMetaImpl.of(connection);
  }

  @Override protected Handler createHandler() {
    final Handler calcite = super.createHandler();
    return new Handler() {
      @Override public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
      }

      @Override public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        final CredqlSession session =
            Sessions.remove(CalciteSchema.from(((CalciteConnection) connection).getRootSchema()));
        if (session != null) {
          session.close();
          SandboxConnections.close(session);
        }
      }

      @Override public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        calcite.onStatementExecute(statement, resultSink);
      }

      @Override public void onStatementClose(AvaticaStatement statement) {
        calcite.onStatementClose(statement);
      }
    };
  }

  @Override public @Nullable Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    final Properties given = ConnectStringParser.parse(url.substring(CONNECT_STRING_PREFIX.length()),
        info == null ? new Properties() : info);
    if (given.getProperty(RemoteConnection.REMOTE) != null) {
      return RemoteConnection.open(given);
    }
    final ConnectionProperties properties = ConnectionProperties.parse(given);
    final Properties calcite = new Properties();
    calcite.setProperty("lex", "MYSQL_ANSI");
    calcite.setProperty("conformance", "LENIENT");
    // SQLite's order: NULL before every value ascending, after them descending
    calcite.setProperty("defaultNullCollation", "LOW");
    calcite.setProperty("parserFactory", CredqlSqlParserImpl.class.getName() + "#FACTORY");
    calcite.setProperty("typeSystem", SqliteTypeSystem.class.getName() + "#INSTANCE");
    calcite.putAll(given);

    final @Nullable RunningSimulator sandbox = properties.sandbox() ? SandboxConnections.open() : null;
    final CredqlSession session;
    final Connection connection;
    try {
      session = newSession(properties, sandbox);
      connection = super.connect(CONNECT_STRING_PREFIX, calcite);
    } catch (SQLException | RuntimeException e) {
      if (sandbox != null) {
        sandbox.close();
      }
      throw e;
    }
    if (sandbox != null) {
      SandboxConnections.attach(session, sandbox);
    }
    final CalciteConnection calciteConnection = connection.unwrap(CalciteConnection.class);
    final SchemaPlus root = calciteConnection.getRootSchema();
    for (String provider : session.catalog().providerNames()) {
      root.add(provider, new ProviderSchema(session, provider));
    }
    ViewStore.mount(root, session);
    Sessions.register(CalciteSchema.from(root), session);
    return JdbcProxies.connection(connection, session);
  }

  /**
   * A session for {@code properties}: the bundled, pulled and {@code providers=} documents, the
   * environment's credentials, and with {@code sandbox=true} the simulators (acquired here, and
   * released again if the session cannot be made).
   */
  static CredqlSession newSession(ConnectionProperties properties, @Nullable RunningSimulator sandbox)
      throws InvalidInputException {
    Map<String, String> sandboxUrls = Map.of();
    Environment environment = Environment.system();
    if (sandbox != null) {
      sandboxUrls = sandbox.baseUrls();
      environment = environment.withOverlay(sandbox.credentials());
    }
    final ProviderCatalog catalog;
    try {
      catalog = ProviderCatalog.create(CredqlSession.bundles(), providerDirectories(properties));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("property providers: " + e.getMessage());
    }
    return new CredqlSession(properties, catalog, environment, sandboxUrls);
  }

  /** Pulled providers ({@code REGISTRY PULL}), then {@code providers=} directories, which replace them. */
  private static List<Path> providerDirectories(ConnectionProperties properties) {
    final List<Path> directories = new ArrayList<>();
    final Path pulled = InstalledProviders.directory();
    if (Files.isDirectory(pulled)) {
      directories.add(pulled);
    }
    directories.addAll(properties.providerDirectories());
    return directories;
  }
}
