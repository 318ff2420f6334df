package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import io.credql.document.GraphQlQuery;
import io.credql.document.MethodDefinition;
import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.redact.Redactor;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import io.credql.spi.BoundCall;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * A connection's access to one provider: builds requests, sends them through a
 * {@link RequestSender} (credentials, the concurrency limit, the 429 pause, retries of reads,
 * same-origin redirects) and turns responses into pages of rows, with the next page from a
 * {@link Paginator}, or into errors.
 */
public final class ProviderClient {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);

  private final ConnectionContext session;
  private final ProviderDocument provider;
  private final ConcurrencyLimit limit;
  private final TransportFailures failures;
  private final RequestSender sender;
  private volatile @Nullable OkHttpClient readClient;
  private volatile @Nullable OkHttpClient mutationClient;
  private volatile @Nullable String credentialHint;
  /** The auth schemes made so far, by the {@code auth} block they were made from. */
  private final Map<JsonNode, AuthScheme> schemes = new ConcurrentHashMap<>();

  public ProviderClient(ConnectionContext session, ProviderDocument provider) {
    this(session, provider, session.clock(), ResponseBodyReader.DEFAULT_LIMIT);
  }

  /** A client whose waits run on {@code clock} and which reads at most {@code bodyLimit} bytes of a body. */
  ProviderClient(ConnectionContext session, ProviderDocument provider, CallClock clock, long bodyLimit) {
    this.session = requireNonNull(session, "session");
    this.provider = requireNonNull(provider, "provider");
    final int timeout = session.properties().timeoutSeconds();
    final ProviderBudget budget = session.properties().sharedBudget()
        ? ProviderBudget.shared(account(session, provider), session.properties().concurrency(),
            Duration.ofSeconds(timeout), clock)
        : ProviderBudget.own(session.properties().concurrency(), clock);
    this.limit = budget.limit;
    this.failures = new TransportFailures(provider.name(), timeout);
    this.sender = new RequestSender(budget.gate, limit, clock, Duration.ofSeconds(timeout),
        new ResponseBodyReader(bodyLimit), failures, session.redactor());
  }

  /** The provider account a shared budget is kept for: the provider and where its requests go. */
  private static String account(ConnectionContext session, ProviderDocument provider) {
    final String name = provider.name().toLowerCase(Locale.ROOT);
    return name + " " + session.baseUrl(name, "");
  }

  public ProviderDocument provider() {
    return provider;
  }

  /** How many more requests may start now (for tests of the concurrency limit). */
  public int availablePermits() {
    return limit.available();
  }

  /** The HTTP request for {@code call}, validated; nothing is sent. */
  public PreparedRequest prepare(BoundCall call) throws CredqlException {
    final MethodDefinition method = call.method();
    final String override = session.baseUrl(provider.name(), method.resource().service().name());
    return RequestFactory.prepare(call, override, session.environment()::get);
  }

  /** Sends {@code request} and reads the response into a page of rows (empty for a read that found nothing). */
  public Page fetch(PreparedRequest request) throws CredqlException {
    return fetch(request, new Object());
  }

  /**
   * {@link #fetch(PreparedRequest)} for a call of {@code query} (any object standing for one query's
   * execution): the connection's queries take the provider's places in turn, so none is starved by
   * another's fan-out.
   */
  public Page fetch(PreparedRequest request, Object query) throws CredqlException {
    final HttpExchange exchange = send(request, query);
    final MethodDefinition method = request.call().method();
    if (exchange.status() == 404 && !method.isMutation()) {
      return Page.empty(404);
    }
    if (!exchange.isSuccessful()) {
      final ProviderErrorException error = error(exchange);
      if (method.isMutation() && isServerError(exchange.status())) {
        throw failures.serverErrorAnswered(method, error);
      }
      throw error;
    }
    final GraphQlQuery graphQl = method.request().graphQl();
    if (graphQl != null) {
      // a GraphQL API answers 200 with errors: a mutation it refused must not read as done
      GraphQlPages.requireNoErrors(request, exchange.content().open());
    }
    if (method.isMutation()) {
      return mutationPage(exchange);
    }
    final ResponseDecoder.Decoded decoded = ResponseDecoder.decode(exchange);
    if (decoded == null) {
      // a HEAD answer never has a body: its status is the answer (Azure's check_name_exists)
      if (exchange.status() != 204 && method.responseSchema() != null && !"HEAD".equals(request.method())) {
        throw new ProviderResponseException(method.id() + ": the provider answered HTTP "
            + exchange.status() + " with an empty body where its document promises JSON;"
            + " no rows were returned");
      }
      return Page.empty(exchange.status());
    }
    final PreparedRequest next = graphQl != null
        ? GraphQlPages.next(request, graphQl, decoded.whole().get(), decoded.rowCount(),
            session.properties().pageLimit())
        : Paginator.next(request, method.pagination(),
            new JsonTokenSource(decoded.body(), exchange.headers()), decoded.rowCount(),
            session.properties().pageLimit());
    return new Page(rowsOf(method, decoded), decoded.whole(), next, exchange.status(), exchange.headers());
  }

  /**
   * A server's error (5xx): the provider, or the backend behind a gateway (502, 503, 504), failed
   * while handling the request, before or after it acted; a 4xx is a refusal, nothing applied.
   */
  private static boolean isServerError(int status) {
    return status >= 500 && status <= 599;
  }

  /**
   * A mutation the provider accepted (2xx): it took effect whatever its response body holds, so a
   * body that cannot be read gives no rows and a warning, never an error that would suggest a retry.
   */
  private Page mutationPage(HttpExchange exchange) throws CredqlException {
    final MethodDefinition method = exchange.request().call().method();
    try {
      final ResponseDecoder.Decoded decoded = ResponseDecoder.decode(exchange);
      return decoded == null ? new Page(List.of(), () -> null, null, exchange.status(), exchange.headers())
          : new Page(ImmutableList.copyOf(rowsOf(method, decoded)), decoded.whole(), null, exchange.status(),
              exchange.headers());
    } catch (ProviderResponseException e) {
      LOG.warn("{} succeeded (HTTP {}) but its response cannot be shown: {}", method.id(),
          exchange.status(), session.redactor().redact(String.valueOf(e.getMessage())));
      return new Page(List.of(), () -> null, null, exchange.status(), exchange.headers());
    }
  }

  /**
   * The rows of a decoded response, whose secret values the redactor learns first: those outside
   * the rows now, each row's as it is decoded (and before anyone sees it); masked if the
   * connection may not see secrets ({@code maskSecrets=true}).
   */
  private Iterable<JsonNode> rowsOf(MethodDefinition method, ResponseDecoder.Decoded decoded) {
    final Redactor redactor = session.redactor();
    redactor.registerSensitiveValues(decoded.body());
    final List<String> secretFields = method.secretFields();
    final boolean mask = session.properties().maskSecrets();
    return Iterables.transform(decoded.rows(), row -> {
      redactor.registerSensitiveValues(row);
      for (String field : secretFields) {
        final JsonNode value = row.get(field);
        if (value != null && value.isValueNode()) {
          redactor.register(value.asText());
        }
      }
      return mask ? redactor.maskRow(row, secretFields) : row;
    });
  }

  private ProviderErrorException error(HttpExchange exchange) {
    final MethodDefinition method = exchange.request().call().method();
    final ProviderErrors.Described described = ProviderErrors.describe(exchange.body(),
        exchange.reason().isEmpty() ? "no message" : exchange.reason());
    final Redactor redactor = session.redactor();
    final String providerMessage = redactor.redact(described.message);
    final StringBuilder message = new StringBuilder()
        .append(method.id()).append(": HTTP ").append(exchange.status());
    if (!exchange.reason().isEmpty()) {
      message.append(' ').append(exchange.reason());
    }
    message.append(" from ").append(provider.name()).append(": ");
    if (described.code != null) {
      message.append('[').append(redactor.redact(described.code)).append("] ");
    }
    message.append(providerMessage);
    if ((exchange.status() == 401 || exchange.status() == 403) && credentialHint != null) {
      message.append(" (credentials from ").append(credentialHint).append(')');
    }
    return new ProviderErrorException(method.id(), exchange.status(), described.code,
        providerMessage, message.toString());
  }

  /**
   * Sends {@code request}: reads are retried on 408/429/502/503/504 and connection failures,
   * mutations never. Returns whatever status the provider answered in the end.
   */
  public HttpExchange send(PreparedRequest request) throws CredqlException {
    return send(request, new Object());
  }

  private HttpExchange send(PreparedRequest request, Object query) throws CredqlException {
    final MethodDefinition method = request.call().method();
    // A GET made for a mutation (polling its asynchronous operation) is a read, retried as reads are.
    final boolean read = RequestSender.isRead(request);
    if (!read && session.properties().dryRun()) {
      throw new IllegalStateException("dry run: " + method.id() + " must not be sent");
    }
    return sender.send(read ? readClient() : mutationClient(), request, query);
  }

  private OkHttpClient readClient() throws CredqlException {
    OkHttpClient client = readClient;
    if (client == null) {
      synchronized (this) {
        if (readClient == null) {
          readClient = session.httpClient().newBuilder()
              // RequestSender gives every attempt one deadline from connect to last byte; a socket
              // timeout besides would put each read of each call in okio's watchdog list, which
              // a 256-wide fan-out then walks under one lock (a quarter of its calls' CPU)
              .readTimeout(Duration.ZERO)
              .writeTimeout(Duration.ZERO)
              .followRedirects(false)
              .followSslRedirects(false)
              .addInterceptor(StatementCalls.REFUSING_CANCELLED_READS)
              .addInterceptor(new AuthInterceptor(this::authenticate))
              .addInterceptor(BodiedGetInterceptor.INSTANCE)
              .build();
        }
        client = readClient;
      }
    }
    return client;
  }

  private OkHttpClient mutationClient() throws CredqlException {
    OkHttpClient client = mutationClient;
    if (client == null) {
      synchronized (this) {
        if (mutationClient == null) {
          mutationClient = readClient().newBuilder()
              .retryOnConnectionFailure(false)
              .build();
        }
        client = mutationClient;
      }
    }
    return client;
  }

  /**
   * Adds credentials to {@code request}: by the connection's {@code auth=} for this provider if it
   * has one, else by the {@code auth} the request's method inherits (a service, resource or method
   * may declare its own, which replaces the provider's); one scheme per distinct block.
   */
  private Request authenticate(Request request) throws IOException, CredqlException {
    final JsonNode override = session.properties().auth().get(provider.name());
    final PreparedRequest prepared = request.tag(PreparedRequest.class);
    final JsonNode config = override != null ? override : prepared == null ? provider.config().path("auth")
        : prepared.call().method().config().path("auth");
    AuthScheme scheme = schemes.get(config);
    if (scheme == null) {
      synchronized (schemes) {
        scheme = schemes.get(config);
        if (scheme == null) {
          scheme = createAuth(config);
          schemes.put(config, scheme);
        }
      }
    }
    return scheme.authenticate(request);
  }

  /**
   * The auth configuration a provider's calls use by default: the connection's {@code auth=} entry
   * for it, else its document's {@code config.auth}; null when its calls carry no credentials.
   */
  public static @Nullable JsonNode authConfig(ConnectionContext session, ProviderDocument provider) {
    final JsonNode override = session.properties().auth().get(provider.name());
    final JsonNode config = override != null ? override : provider.config().path("auth");
    return isAuthBlock(config) ? config : null;
  }

  private static boolean isAuthBlock(@Nullable JsonNode config) {
    return config != null && config.isObject() && config.has("type");
  }

  /** The environment variables an auth configuration names (its {@code ...envvar} and {@code ..._var} keys). */
  public static List<String> credentialVariables(JsonNode config) {
    final List<String> variables = new ArrayList<>();
    config.fields().forEachRemaining(field -> {
      final String key = field.getKey().toLowerCase(java.util.Locale.ROOT);
      if ((key.endsWith("envvar") || key.endsWith("env_var") || key.endsWith("_var"))
          && field.getValue().isTextual()) {
        variables.add(field.getValue().asText());
      }
    });
    return variables;
  }

  private AuthScheme createAuth(@Nullable JsonNode config) throws CredqlException {
    if (config == null || !isAuthBlock(config)) {
      return r -> r;
    }
    final String type = config.get("type").asText();
    final AuthSchemeFactory factory = session.authSchemeFactory(type);
    if (factory == null) {
      throw new InvalidInputException("auth of " + provider.name() + ": unknown type '" + type
          + "'; known types: " + String.join(", ", session.authSchemeTypes()));
    }
    final List<String> variables = credentialVariables(config);
    credentialHint = variables.isEmpty() ? null : String.join(", ", variables);
    return factory.create(config, new Context());
  }

  /** What auth schemes of this provider may use. */
  private final class Context implements AuthContext {
    @Override public String providerName() {
      return provider.name();
    }

    @Override public @Nullable String getenv(String name) {
      return session.environment().get(name);
    }

    @Override public String requireSecret(String name) throws MissingCredentialException {
      final String value = session.environment().get(name);
      if (value == null) {
        throw new MissingCredentialException("environment variable " + name + " is not set: "
            + provider.name() + " needs it to authenticate; nothing was sent. Set it (export "
            + name + "=...) or name another variable with auth={\"" + provider.name()
            + "\": {...}}");
      }
      session.redactor().register(value);
      return value;
    }

    @Override public OkHttpClient httpClient() {
      return session.httpClient().newBuilder()
          .retryOnConnectionFailure(false)
          .followRedirects(false)
          .followSslRedirects(false)
          .build();
    }

    @Override public void registerSecret(String value) {
      session.redactor().register(value);
    }
  }
}
