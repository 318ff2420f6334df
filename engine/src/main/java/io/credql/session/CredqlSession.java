package io.credql.session;

import io.credql.call.CallClock;
import io.credql.call.CallProgress;
import io.credql.call.ConnectionContext;
import io.credql.call.ProviderClient;
import io.credql.call.StatementCalls;
import io.credql.audit.AuditLog;
import io.credql.config.ConnectionProperties;
import io.credql.config.Environment;
import io.credql.document.ProviderDocument;
import io.credql.error.UnknownObjectException;
import io.credql.redact.Redactor;
import io.credql.spi.AuthSchemeFactory;
import io.credql.spi.ProviderBundle;
import io.credql.spi.RequestValidator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.sql.SQLWarning;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Everything one JDBC connection holds: its properties, the providers it sees, the environment its
 * credentials come from, the secrets it has seen, one OkHttp client, a thread pool for concurrent
 * calls, and one {@link ProviderClient} per provider (so the concurrency limit is shared by all
 * queries of the connection).
 */
public final class CredqlSession implements ConnectionContext, AutoCloseable {
  private final ConnectionProperties properties;
  private final ProviderCatalog catalog;
  private final Environment environment;
  private final Map<String, String> baseUrls;
  private final Redactor redactor = new Redactor();
  /**
   * Built on a thread of its own as the session starts: building reads the platform's TLS trust
   * store, a noticeable part of a one-statement {@code ./credql -e}, which then overlaps the
   * statement's planning on another core instead of preceding it.
   */
  private final CompletableFuture<OkHttpClient> httpClient;
  private final ExecutorService executor;
  private final Map<String, ProviderClient> clients = new ConcurrentHashMap<>();
  private final Map<String, AuthSchemeFactory> authFactories;
  private final Map<String, RequestValidator> validators;
  private final AuditLog auditLog;
  private final Queue<SQLWarning> warnings = new ConcurrentLinkedQueue<>();
  private final CallProgress progress = new CallProgress();
  private volatile CallClock clock = CallClock.SYSTEM;

  public CredqlSession(ConnectionProperties properties, ProviderCatalog catalog,
      Environment environment, Map<String, String> sandboxBaseUrls) {
    this.properties = requireNonNull(properties, "properties");
    this.catalog = requireNonNull(catalog, "catalog");
    this.environment = requireNonNull(environment, "environment");
    final Map<String, String> urls = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    urls.putAll(sandboxBaseUrls);
    urls.putAll(properties.baseUrls());
    this.baseUrls = urls;
    final int timeout = properties.timeoutSeconds();
    final Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(1024);
    dispatcher.setMaxRequestsPerHost(1024);
    final OkHttpClient.Builder client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // one idle connection kept per call that may be in flight: a fan-out at concurrency 256
        // would otherwise close and reopen all but 64 of its connections on every wave
        .connectionPool(new ConnectionPool(Math.max(64, properties.concurrency()), 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(Math.min(10, timeout)))
        .readTimeout(Duration.ofSeconds(timeout))
        .writeTimeout(Duration.ofSeconds(timeout))
        .callTimeout(Duration.ofSeconds(3L * timeout));
    final AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          final Thread thread = new Thread(r, "credql-call-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.httpClient = CompletableFuture.supplyAsync(client::build, executor);
    final Map<String, AuthSchemeFactory> factories = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (AuthSchemeFactory factory : ServiceLoader.load(AuthSchemeFactory.class,
        CredqlSession.class.getClassLoader())) {
      factories.put(factory.type(), factory);
    }
    this.authFactories = factories;
    final Map<String, RequestValidator> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (RequestValidator validator : ServiceLoader.load(RequestValidator.class,
        CredqlSession.class.getClassLoader())) {
      found.put(validator.name(), validator);
    }
    this.validators = found;
    this.auditLog = new AuditLog(properties.auditLog() != null ? properties.auditLog()
        : AuditLog.defaultFile(), redactor);
  }

  /** Provider bundles on the class path (adapter jars). */
  public static List<ProviderBundle> bundles() {
    final List<ProviderBundle> bundles = new ArrayList<>();
    ServiceLoader.load(ProviderBundle.class, CredqlSession.class.getClassLoader())
        .forEach(bundles::add);
    return bundles;
  }

  /** How far the calls of the running fan-outs are. */
  public CallProgress progress() {
    return progress;
  }

  @Override public ConnectionProperties properties() {
    return properties;
  }

  public ProviderCatalog catalog() {
    return catalog;
  }

  @Override public Environment environment() {
    return environment;
  }

  @Override public Redactor redactor() {
    return redactor;
  }

  @Override public OkHttpClient httpClient() {
    try {
      return httpClient.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /** Runs concurrent calls; threads are daemons and idle ones end after 30 s. */
  public ExecutorService executor() {
    return executor;
  }

  /** The base URL replacing the document's servers for {@code provider.service}, or null. */
  @Override public @Nullable String baseUrl(String provider, String service) {
    final String specific = baseUrls.get(provider + "." + service);
    return specific != null ? specific : baseUrls.get(provider);
  }

  /** The request validator called {@code name}, or null if no adapter provides it. */
  public @Nullable RequestValidator validator(String name) {
    return validators.get(name);
  }

  /** Where mutating calls are recorded. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** Reports {@code warning} with the result of the statement running now (see {@link #takeWarnings}). */
  public void warn(SQLWarning warning) {
    warnings.add(requireNonNull(warning, "warning"));
  }

  /** The warnings reported since the last call, chained, or null if none; the statement hands them out. */
  public @Nullable SQLWarning takeWarnings() {
    SQLWarning first = null;
    for (SQLWarning warning = warnings.poll(); warning != null; warning = warnings.poll()) {
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    return first;
  }

  @Override public @Nullable AuthSchemeFactory authSchemeFactory(String type) {
    return authFactories.get(type);
  }

  @Override public List<String> authSchemeTypes() {
    return new ArrayList<>(authFactories.keySet());
  }

  @Override
  public CallClock clock() {
    return clock;
  }

  /**
   * Runs the waits of providers first called from now on on {@code clock}: a test's virtual clock
   * makes retries and 429 pauses cost no real time.
   */
  public void useClock(CallClock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** The client of the provider called {@code name}. */
  public ProviderClient client(String name) throws UnknownObjectException {
    final ProviderDocument provider = catalog.provider(name);
    if (provider == null) {
      throw new UnknownObjectException("no provider called " + name + "; known providers: "
          + String.join(", ", catalog.providerNames()));
    }
    return clients.computeIfAbsent(provider.name().toLowerCase(Locale.ROOT),
        n -> new ProviderClient(this, provider));
  }

  @Override public void close() {
    executor.shutdownNow();
    // a client still being built has no connection to close
    final OkHttpClient client = httpClient.getNow(null);
    if (client != null) {
      // a read waiting for its answer is not interrupted by the executor's shutdown: cancel it
      StatementCalls.cancelReads(client);
      client.connectionPool().evictAll();
    }
  }
}
