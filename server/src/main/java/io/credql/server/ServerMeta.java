package io.credql.server;

import io.credql.audit.AuditLog;
import io.credql.session.ProviderCatalog;
import io.credql.redact.Redactor;
import io.credql.redact.StatementMasker;
import io.credql.session.CatalogSecretNames;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.proto.Requests;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Avatica's {@link JdbcMeta} over credql's embedded driver, held to the users: each remote
 * connection opens with the server's properties only (never the client's), belongs to the user
 * who opened it, masks secrets for readers, shares the server's provider budget and names its user
 * in the audit log; a statement runs only if the user's role permits its kind and it names only
 * providers the user may reach; a read of secret columns by a role that sees them is audited. A
 * client that goes away while its statement runs loses its connection, whose calls stop with it.
 */
final class ServerMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMeta.class);
  /** SQLSTATE of a refusal: insufficient privilege. */
  private static final String REFUSED = "42501";

  private final String url;
  private final Properties serverProperties;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final Map<Integer, Prepared> statements = new ConcurrentHashMap<>();
  /** The statements whose request this server is serving now. */
  private final Set<Integer> running = ConcurrentHashMap.newKeySet();
  private final ClientDisconnectWatch disconnects;
  /** The connections opened since the server started (for a day): an unknown one is from before a restart. */
  private final Cache<String, Boolean> opened = CacheBuilder.newBuilder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofDays(1)).build();

  /** Who opened a connection, and the role the connection was opened with (its masking depends on it). */
  private record Owner(String user, Role role, Connection connection) {
  }

  /** A statement's connection and, once prepared, its text and shape. */
  private record Prepared(String connectionId, String sql, StatementShape shape) {
  }

  /**
   * @param serverProperties what every connection opens with
   * @param idle how long an unused connection or statement is kept before it is closed, with its calls
   */
  ServerMeta(String url, Properties serverProperties, Duration idle, ClientDisconnectWatch disconnects)
      throws SQLException {
    super(url, caches(idle));
    this.url = requireNonNull(url, "url");
    this.serverProperties = requireNonNull(serverProperties, "serverProperties");
    this.disconnects = requireNonNull(disconnects, "disconnects");
  }

  private static Properties caches(Duration idle) {
    final Properties caches = new Properties();
    caches.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(idle.toSeconds()));
    caches.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    caches.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(idle.toSeconds()));
    caches.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    return caches;
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    final Caller caller = Caller.current();
    forgetExpired();
    final Properties properties = new Properties();
    properties.putAll(serverProperties);
    properties.setProperty(io.credql.config.ConnectionProperties.SHARED_BUDGET, "true");
    properties.setProperty(io.credql.config.ConnectionProperties.MASK_SECRETS, String.valueOf(!caller.user().role().seesSecrets()));
    final Connection connection = cleanly(() -> {
      try {
        final Connection opened = createConnection(url, properties);
        opened.unwrap(AuditLog.class).actFor(new AuditLog.Actor(caller.user().name(), caller.address()));
        return opened;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    if (getConnectionCache().asMap().putIfAbsent(ch.id, connection) != null) {
      close(connection);
      throw new AvaticaRuntimeException("connection " + ch.id + " exists already", -1, "08002",
          AvaticaSeverity.ERROR);
    }
    owners.put(ch.id, new Owner(caller.user().name(), caller.user().role(), connection));
    opened.put(ch.id, Boolean.TRUE);
    LOG.info("{} ({}) connected from {}", caller.user().name(), caller.user().role(), caller.address());
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    owned(ch.id);
    super.closeConnection(ch);
    owners.remove(ch.id);
    statements.values().removeIf(p -> p.connectionId().equals(ch.id));
  }

  /** Forgets the owners of connections and statements Avatica's caches have closed for sitting idle. */
  private void forgetExpired() {
    owners.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
    statements.keySet().removeIf(id -> !getStatementCache().asMap().containsKey(id));
  }

  /** Every use of a connection (metadata, statements, sync) comes here first: only its owner may. */
  @Override protected Connection getConnection(String id) throws SQLException {
    owned(id);
    return super.getConnection(id);
  }

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    final StatementHandle h = cleanly(() -> super.createStatement(ch));
    statements.put(h.id, new Prepared(ch.id, "", StatementShape.of("")));
    return h;
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    final StatementShape shape = permitted(ch.id, sql);
    final StatementHandle h = cleanly(() -> super.prepare(ch, sql, maxRowCount));
    statements.put(h.id, new Prepared(ch.id, sql, shape));
    return h;
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    statement(h);
    final StatementShape shape = permitted(h.connectionId, sql);
    statements.put(h.id, new Prepared(h.connectionId, sql, shape));
    final ExecuteResult result;
    try (ClientDisconnectWatch.Watch watch = watchClient(h, shape)) {
      result = cleanlyThrowing(() -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    }
    auditSecretReads(h.connectionId, sql, shape, result);
    return result;
  }

  @Override public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    statement(h);
    for (String sql : sqlCommands) {
      permitted(h.connectionId, sql);
    }
    return cleanlyThrowing(() -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    final Prepared prepared = statement(h);
    sameRole(h.connectionId);
    final ExecuteResult result;
    try (ClientDisconnectWatch.Watch watch = watchClient(h, prepared.shape())) {
      result = cleanlyThrowing(() -> super.execute(h, parameterValues, maxRowsInFirstFrame));
    }
    auditSecretReads(h.connectionId, prepared.sql(), prepared.shape(), result);
    return result;
  }

  @Override public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    statement(h);
    sameRole(h.connectionId);
    return cleanlyThrowing(() -> super.executeBatch(h, parameterValues));
  }

  @Override public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> parameterValues) throws NoSuchStatementException {
    statement(h);
    sameRole(h.connectionId);
    return cleanlyThrowing(() -> super.executeBatchProtobuf(h, parameterValues));
  }

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    final Prepared prepared = statement(h);
    try (ClientDisconnectWatch.Watch watch = watchClient(h, prepared.shape())) {
      return super.fetch(h, offset, fetchMaxRowCount);
    } catch (RuntimeException e) {
      throw clean(e);
    }
  }

  /** A client's state may carry SQL to run again: it is held to the same rules as a new statement. */
  @Override public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    final Prepared prepared = statement(sh);
    final StatementShape shape = state.sql != null ? permitted(sh.connectionId, state.sql) : prepared.shape();
    try (ClientDisconnectWatch.Watch watch = watchClient(sh, shape)) {
      return cleanlyThrowing(() -> super.syncResults(sh, state, offset));
    }
  }

  /**
   * Closes a statement; one that is running is cancelled instead and kept. Avatica's protocol has no
   * cancel request: credql's driver sends a close while the statement runs for
   * {@code Statement.cancel()} (and closes the statement itself later), and Avatica's thin driver sends
   * one when a program closes a running statement from another thread (the statement is then closed
   * with its connection, or when unused for the idle time).
   */
  @Override public void closeStatement(StatementHandle h) {
    if (statements.containsKey(h.id)) {
      statement(h);
      if (running.contains(h.id)) {
        cancelRun(h);
        return;
      }
      super.closeStatement(h);
      statements.remove(h.id);
    }
  }

  /**
   * The connection {@code id}, if the caller owns it; otherwise an error that says no more than
   * "not found", or that the server restarted since a connection it never saw was opened (the
   * error code tells Avatica's client that it may open its connection again).
   */
  private Owner owned(String id) {
    final Owner owner = owners.get(id);
    if (owner == null || !owner.user().equals(Caller.current().user().name())) {
      throw new AvaticaRuntimeException(opened.getIfPresent(id) == null
          ? "the credql server restarted since this connection was opened, and its connections ended with it:"
              + " connect again"
          : "Connection not found: invalid id, closed, or expired: " + id,
          org.apache.calcite.avatica.remote.Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE, "08003",
          AvaticaSeverity.ERROR);
    }
    return owner;
  }

  /** The statement {@code h}, if it belongs to {@code h}'s connection and the caller owns that. */
  private Prepared statement(StatementHandle h) throws AvaticaRuntimeException {
    owned(h.connectionId);
    final Prepared prepared = statements.get(h.id);
    if (prepared == null || !prepared.connectionId().equals(h.connectionId)) {
      throw new AvaticaRuntimeException("Statement not found: invalid id, closed, or expired: " + h.id,
          -1, "HY010", AvaticaSeverity.ERROR);
    }
    return prepared;
  }

  /** A user whose role changed since the connection opened must connect again (secrets are masked, or not, per connection). */
  private Owner sameRole(String connectionId) {
    final Owner owner = owned(connectionId);
    final ServerUser user = Caller.current().user();
    if (user.role() != owner.role()) {
      throw refused("the role of user '" + user.name() + "' changed from " + owner.role() + " to "
          + user.role() + " since this connection opened; connect again. Nothing was sent");
    }
    return owner;
  }

  /** The shape of {@code sql}, if the caller may run it on connection {@code connectionId}; otherwise a refusal. */
  private StatementShape permitted(String connectionId, String sql) {
    final Owner owner = sameRole(connectionId);
    final ServerUser user = Caller.current().user();
    final StatementShape shape = StatementShape.of(sql);
    if (!user.role().permits(shape.kind())) {
      LOG.warn("refused {} ({}) from {}: {}", user.name(), user.role(), Caller.current().address(),
          shape.kind().label());
      throw refused("user '" + user.name() + "' has the role " + user.role() + "; "
          + shape.kind().label() + " needs the role " + Role.needed(shape.kind())
          + ". Nothing was sent");
    }
    for (String provider : providersNamed(owner, shape)) {
      if (!user.reaches(provider)) {
        throw refused("user '" + user.name() + "' may use only the providers "
            + String.join(", ", new java.util.TreeSet<>(user.providers())) + ", not " + provider
            + ". Nothing was sent");
      }
    }
    return shape;
  }

  /** The providers the statement names: identifiers whose first part is a provider of the connection. */
  private static Set<String> providersNamed(Owner owner, StatementShape shape) {
    final Set<String> known = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    try {
      known.addAll(owner.connection().unwrap(ProviderCatalog.class).providerNames());
    } catch (SQLException e) {
      throw clean(new IllegalStateException(e));
    }
    final Set<String> named = new LinkedHashSet<>();
    for (List<String> name : shape.names()) {
      if (!name.isEmpty() && known.contains(name.get(0))) {
        named.add(name.get(0).toLowerCase(Locale.ROOT));
      }
    }
    return named;
  }

  /**
   * Records who read secret columns (by name in the result, or named in a query), and of which
   * resources, whatever the statement (an EXEC that resets a password returns the new one);
   * readers' secrets are masked, so only roles that see secrets are recorded.
   */
  private void auditSecretReads(String connectionId, String sql, StatementShape shape, ExecuteResult result) {
    final Owner owner = owners.get(connectionId);
    if (owner == null || !owner.role().seesSecrets()) {
      return;
    }
    final Set<String> columns = new LinkedHashSet<>();
    for (MetaResultSet set : result.resultSets) {
      if (set.signature != null) {
        for (ColumnMetaData column : set.signature.columns) {
          if (Redactor.isSensitiveName(column.label) || Redactor.isSensitiveName(column.columnName)) {
            columns.add(column.label);
          }
        }
      }
    }
    final Set<String> known = providersNamed(owner, shape);
    final List<String> resources = new ArrayList<>();
    for (List<String> name : shape.names()) {
      if (name.size() >= 3 && known.contains(name.get(0).toLowerCase(Locale.ROOT))) {
        resources.add(String.join(".", name));
      }
    }
    if (shape.kind() == StatementKind.QUERY) {
      // an expression over a secret column (upper(password)) has no secret name of its own; a
      // resource's name (..._credentials) is not a column
      for (List<String> name : shape.names()) {
        if (!resources.contains(String.join(".", name)) && Redactor.isSensitiveName(name.get(name.size() - 1))) {
          columns.add(name.get(name.size() - 1));
        }
      }
    }
    if (columns.isEmpty()) {
      return;
    }
    try {
      final Connection connection = owner.connection();
      // which credentials: the statement names them (WHERE instanceId = 123), its secret literals masked
      final String statement = new StatementMasker(connection.unwrap(Redactor.class),
          CatalogSecretNames.of(connection.unwrap(ProviderCatalog.class))).mask(sql);
      connection.unwrap(AuditLog.class).secretsRead(resources, new ArrayList<>(columns), statement);
    } catch (SQLException e) {
      throw clean(new IllegalStateException(e));
    }
  }

  private static AvaticaRuntimeException refused(String message) {
    return new AvaticaRuntimeException(message, 0, REFUSED, AvaticaSeverity.ERROR);
  }

  /** Runs {@code action}; an error comes out as the engine's own message and SQLSTATE, without wrappers. */
  private static <T> T cleanly(Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw clean(e);
    }
  }

  /** Like {@link #cleanly} for Avatica calls that declare a missing statement. */
  private <T> T cleanlyThrowing(StatementAction<T> action) throws NoSuchStatementException {
    try {
      return action.run();
    } catch (RuntimeException e) {
      throw clean(e);
    }
  }

  /** A call of the superclass that may find its statement gone. */
  private interface StatementAction<T> {
    T run() throws NoSuchStatementException;
  }

  /**
   * Watches the client of connection {@code connectionId} while this thread runs its statement: if
   * the client goes away, its connection is closed, which stops the statement's calls (its
   * executor's threads are interrupted, waiting calls never start), and this thread, which may be
   * waiting for a call, is interrupted too. Closing the watch clears that interrupt, so the next
   * request this thread serves starts clean. A change is not watched: cut short, it might or might
   * not have reached the provider, so it runs to its end and its audit record says which.
   */
  private ClientDisconnectWatch.Watch watchClient(StatementHandle h, StatementShape shape) {
    running.add(h.id);
    if (shape.kind().changes()) {
      return () -> running.remove(h.id);
    }
    final String connectionId = h.connectionId;
    final Thread serving = Thread.currentThread();
    final ClientDisconnectWatch.Watch watch = disconnects.whileServing(() -> {
      serving.interrupt();
      abandon(connectionId);
    });
    return () -> {
      running.remove(h.id);
      watch.close();
      Thread.interrupted();
    };
  }

  /**
   * Cancels the run of statement {@code h} as {@code Statement.cancel()} does locally: its calls in
   * flight end, fan-out included, and none starts after.
   */
  private void cancelRun(StatementHandle h) {
    final StatementInfo info = getStatementCache().getIfPresent(h.id);
    final Statement jdbc = info == null ? null : statementOf(info);
    if (jdbc == null) {
      return;
    }
    try {
      jdbc.cancel();
      LOG.info("cancelled a statement of {} at the client's request", Caller.current().user().name());
    } catch (SQLException e) {
      LOG.warn("cannot cancel a statement of {}: {}", Caller.current().user().name(), e.getMessage());
    }
  }

  /**
   * The JDBC statement Avatica keeps for a handle. Avatica (1.27) offers no way to it (the field is
   * package-private) nor a cancel request of its own, so it is read by reflection; null if a later
   * Avatica renames it, and the cancel then does what Avatica's does (nothing on the server).
   */
  private static @Nullable Statement statementOf(StatementInfo info) {
    try {
      final Field field = StatementInfo.class.getDeclaredField("statement");
      field.setAccessible(true);
      return field.get(info) instanceof Statement statement ? statement : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Closes the connection of a client that went away: its statements and their calls end with it. */
  private void abandon(String connectionId) {
    final Owner owner = owners.remove(connectionId);
    statements.values().removeIf(p -> p.connectionId().equals(connectionId));
    getConnectionCache().invalidate(connectionId);
    if (owner != null) {
      LOG.info("closed the connection of {}, who went away while a statement ran", owner.user());
      close(owner.connection());
    }
  }

  /** The first SQLException in {@code e}'s causes, as Avatica hands errors to the client. */
  static RuntimeException clean(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException) {
      return e;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException) {
        final SQLException sql = (SQLException) cause;
        return new AvaticaRuntimeException(sql.getMessage() == null ? sql.getClass().getSimpleName()
            : sql.getMessage(), sql.getErrorCode(), sql.getSQLState() == null ? "HY000" : sql.getSQLState(),
            AvaticaSeverity.ERROR);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return e;
  }

  /** Closes every client's connection (the server stops): their calls end with them. */
  void closeAll() {
    for (String id : List.copyOf(owners.keySet())) {
      final Owner owner = owners.remove(id);
      if (owner != null) {
        close(owner.connection());
      }
    }
    getConnectionCache().invalidateAll();
    statements.clear();
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing a duplicate connection failed", e);
    }
  }
}
