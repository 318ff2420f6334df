package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.MethodDefinition;
import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.InvalidInputException;
import io.credql.error.MissingCredentialException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;
import io.credql.redact.Redactor;
import io.credql.session.CredqlSession;
import io.credql.spi.AuthContext;
import io.credql.spi.AuthScheme;
import io.credql.spi.AuthSchemeFactory;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import static java.util.Objects.requireNonNull;

/**
 * A connection's access to one provider: builds requests, adds the provider's credentials, keeps
 * at most {@code concurrency} requests in flight, pauses everyone while the provider throttles,
 * retries reads (never mutations), and turns responses into pages of rows or into errors.
 */
public final class ProviderClient {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY_BYTES = 256L * 1024 * 1024;

  private final CredqlSession session;
  private final ProviderDocument provider;
  private final Semaphore permits;
  private final RateGate gate = new RateGate();
  private volatile @Nullable OkHttpClient readClient;
  private volatile @Nullable OkHttpClient mutationClient;
  private volatile @Nullable String credentialHint;

  public ProviderClient(CredqlSession session, ProviderDocument provider) {
    this.session = requireNonNull(session, "session");
    this.provider = requireNonNull(provider, "provider");
    this.permits = new Semaphore(session.properties().concurrency(), true);
  }

  public ProviderDocument provider() {
    return provider;
  }

  /** How many more requests may start now (for tests of the concurrency limit). */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /** The HTTP request for {@code call}, validated; nothing is sent. */
  public PreparedRequest prepare(BoundCall call) throws CredqlException {
    final MethodDefinition method = call.method();
    final String override = session.baseUrl(provider.name(), method.resource().service().name());
    return RequestFactory.prepare(call, override);
  }

  /** Sends {@code request} and reads the response into a page of rows (empty for a read that found nothing). */
  public Page fetch(PreparedRequest request) throws CredqlException {
    final HttpExchange exchange = send(request);
    final MethodDefinition method = request.call().method();
    if (exchange.status() == 404 && !method.isMutation()) {
      return Page.empty(404);
    }
    if (!exchange.isSuccessful()) {
      throw error(exchange);
    }
    if (method.isMutation()) {
      return mutationPage(exchange);
    }
    final JsonNode body = parse(exchange);
    if (body == null) {
      if (exchange.status() != 204 && method.responseSchema() != null) {
        throw new ProviderResponseException(method.id() + ": the provider answered HTTP "
            + exchange.status() + " with an empty body where its document promises JSON;"
            + " no rows were returned");
      }
      return Page.empty(exchange.status());
    }
    final List<JsonNode> rows = rowsOf(method, body);
    final PreparedRequest next = Paginator.next(request, method.pagination(), body, exchange.headers(),
        rows.size());
    return new Page(rows, body, next, exchange.status());
  }

  /**
   * A mutation the provider accepted (2xx): it took effect whatever its response body holds, so a
   * body that cannot be read gives no rows and a warning, never an error that would suggest a retry.
   */
  private Page mutationPage(HttpExchange exchange) throws CredqlException {
    final MethodDefinition method = exchange.request().call().method();
    try {
      final JsonNode body = parse(exchange);
      return body == null ? Page.empty(exchange.status())
          : new Page(rowsOf(method, body), body, null, exchange.status());
    } catch (ProviderResponseException e) {
      LOG.warn("{} succeeded (HTTP {}) but its response cannot be shown: {}", method.id(),
          exchange.status(), session.redactor().redact(e.getMessage()));
      return Page.empty(exchange.status());
    }
  }

  /** The rows of a parsed response, whose secret values the redactor learns first. */
  private List<JsonNode> rowsOf(MethodDefinition method, JsonNode body) throws ProviderResponseException {
    session.redactor().registerSensitiveValues(body);
    final List<JsonNode> rows = rows(method, body);
    for (String field : method.secretFields()) {
      for (JsonNode row : rows) {
        final JsonNode value = row.get(field);
        if (value != null && value.isValueNode()) {
          session.redactor().register(value.asText());
        }
      }
    }
    return rows;
  }

  /**
   * The rows of a response: what {@code objectKey} selects (each element of an array), or the
   * whole response. A missing key or JSON null is no rows (some providers leave out an empty
   * list); a bare string, number or boolean where rows should be is an error, not a row.
   */
  static List<JsonNode> rows(MethodDefinition method, JsonNode body) throws ProviderResponseException {
    final JsonNode selected = method.objectKey() == null ? body : JsonPaths.read(body, method.objectKey());
    final List<JsonNode> rows = new ArrayList<>();
    if (selected == null || selected.isNull() || selected.isMissingNode()) {
      return rows;
    }
    if (selected.isArray()) {
      for (JsonNode element : selected) {
        if (!element.isObject() && !element.isNull()) {
          throw notRows(method, "a list holding " + kind(element));
        }
        if (element.isObject()) {
          rows.add(element);
        }
      }
    } else if (selected.isObject()) {
      rows.add(selected);
    } else {
      throw notRows(method, kind(selected));
    }
    return rows;
  }

  private static ProviderResponseException notRows(MethodDefinition method, String found) {
    return new ProviderResponseException(method.id() + ": the provider's response holds " + found
        + (method.objectKey() == null ? "" : " at " + method.objectKey())
        + " where its document promises objects; no rows were returned");
  }

  private static String kind(JsonNode node) {
    return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean()
        ? "a boolean" : node.isArray() ? "a list" : "a value";
  }

  private @Nullable JsonNode parse(HttpExchange exchange) throws ProviderResponseException {
    final byte[] body = exchange.body();
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    final String id = exchange.request().call().method().id();
    final String contentType = exchange.contentType();
    if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      throw new ProviderResponseException(id + ": the provider answered HTTP " + exchange.status()
          + " with " + contentType.split(";")[0] + " instead of JSON; no rows were returned");
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ProviderResponseException(id + ": the provider's response (HTTP "
          + exchange.status() + ", " + body.length + " bytes) is not valid JSON: "
          + e.getClass().getSimpleName() + "; no rows were returned", e);
    }
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
    final MethodDefinition method = request.call().method();
    final boolean read = !method.isMutation();
    if (!read && session.properties().dryRun()) {
      throw new IllegalStateException("dry run: " + method.id() + " must not be sent");
    }
    final OkHttpClient client = read ? readClient() : mutationClient();
    final Request okRequest = toOkHttp(request);
    int attempt = 0;
    while (true) {
      attempt++;
      final long started = System.nanoTime();
      final HttpExchange exchange;
      try {
        gate.awaitOpen();
        permits.acquire();
        try {
          exchange = execute(client.newCall(okRequest), request);
        } finally {
          permits.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderUnreachableException(method.id() + ": interrupted", e);
      } catch (CredentialFailure e) {
        throw e.cause;
      } catch (IOException e) {
        if (!read) {
          throw mutationFailure(request, e);
        }
        if (attempt < RetryPolicy.READ_ATTEMPTS && !(e instanceof SSLException)) {
          sleep(RetryPolicy.backoff(attempt));
          continue;
        }
        throw new ProviderUnreachableException(method.id() + ": cannot reach " + provider.name()
            + " at " + request.url().host() + " after " + attempt + " attempts ("
            + describe(e) + ")", e);
      }
      LOG.debug("{} {} -> {} in {} ms", request.method(), session.redactor().redact(request.toString()),
          exchange.status(), (System.nanoTime() - started) / 1_000_000);
      if (exchange.status() == 429) {
        final Duration wait = RetryPolicy.retryAfter(exchange.headers().get("Retry-After"));
        gate.pause(wait != null ? wait : RetryPolicy.backoff(attempt));
        if (read && attempt < RetryPolicy.THROTTLED_ATTEMPTS) {
          if (wait == null) {
            sleep(RetryPolicy.backoff(attempt));
          }
          continue;
        }
        return exchange;
      }
      if (read && RetryPolicy.isRetryableStatus(exchange.status())
          && attempt < RetryPolicy.READ_ATTEMPTS) {
        final Duration wait = RetryPolicy.retryAfter(exchange.headers().get("Retry-After"));
        sleep(wait != null ? wait : RetryPolicy.backoff(attempt));
        continue;
      }
      return exchange;
    }
  }

  private CredqlException mutationFailure(PreparedRequest request, IOException e) {
    final MethodDefinition method = request.call().method();
    if (e instanceof ConnectException || e instanceof UnknownHostException || untrustedServer(e)) {
      return new ProviderUnreachableException(method.id() + ": cannot connect to " + provider.name()
          + " at " + request.url().host() + " (" + describe(e) + "); the request was not sent", e);
    }
    return new OutcomeUnknownException(method.id() + ": outcome unknown: the connection failed ("
        + describe(e) + ") after the request may have reached " + provider.name()
        + ". It was not re-sent. Check whether it took effect before trying again"
        + verifyHint(method) + ".", e);
  }

  private static String verifyHint(MethodDefinition method) {
    final List<MethodDefinition> selects = method.resource().methodsFor(io.credql.document.SqlVerb.SELECT);
    if (selects.isEmpty()) {
      return "";
    }
    final MethodDefinition select = selects.get(0);
    final List<String> required = select.requiredInputNames();
    final StringBuilder hint = new StringBuilder(", e.g. with SELECT * FROM ").append(method.resource().id());
    for (int i = 0; i < required.size(); i++) {
      hint.append(i == 0 ? " WHERE " : " AND ").append(required.get(i)).append(" = ...");
    }
    return hint.toString();
  }

  /** The TLS handshake failed: nothing was sent, and trying again would fail the same way. */
  private static boolean untrustedServer(IOException e) {
    return e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException;
  }

  private String describe(IOException e) {
    if (untrustedServer(e)) {
      return "the server's TLS certificate is not trusted or does not name the host; credql always"
          + " verifies certificates (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof java.io.InterruptedIOException) {
      return "no answer within " + session.properties().timeoutSeconds()
          + " s; the connection property timeout=<seconds> sets how long to wait";
    }
    final String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private HttpExchange execute(Call call, PreparedRequest request) throws IOException {
    try (Response response = call.execute()) {
      final ResponseBody body = response.body();
      byte[] bytes = new byte[0];
      if (body != null) {
        final BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1)) {
          throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
        }
        bytes = source.readByteArray();
      }
      return new HttpExchange(request, response.code(), response.message(), response.headers(), bytes);
    }
  }

  private static void sleep(Duration duration) throws ProviderUnreachableException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException("interrupted while waiting to retry", e);
    }
  }

  private Request toOkHttp(PreparedRequest request) {
    final Request.Builder builder = new Request.Builder().url(request.url())
        .header("Accept", "application/json")
        .header("User-Agent", "credql/" + CredqlSession.VERSION);
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    final byte[] body = request.body();
    final RequestBody requestBody = body != null ? RequestBody.create(body, JSON_TYPE)
        : requiresBody(request.method()) ? RequestBody.create(new byte[0], null) : null;
    builder.method(request.method(), requestBody);
    return builder.build();
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private OkHttpClient readClient() throws CredqlException {
    OkHttpClient client = readClient;
    if (client == null) {
      synchronized (this) {
        if (readClient == null) {
          readClient = session.httpClient().newBuilder()
              .followRedirects(false)
              .followSslRedirects(false)
              .addInterceptor(authInterceptor(createAuth()))
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

  private AuthScheme createAuth() throws CredqlException {
    final JsonNode override = session.properties().auth().get(provider.name());
    final JsonNode config = override != null ? override : provider.config().path("auth");
    if (config == null || !config.isObject() || !config.has("type")) {
      return r -> r;
    }
    final String type = config.get("type").asText();
    final AuthSchemeFactory factory = session.authSchemeFactory(type);
    if (factory == null) {
      throw new InvalidInputException("auth of " + provider.name() + ": unknown type '" + type
          + "'; known types: " + String.join(", ", session.authSchemeTypes()));
    }
    final List<String> variables = new ArrayList<>();
    config.fields().forEachRemaining(field -> {
      final String key = field.getKey().toLowerCase(java.util.Locale.ROOT);
      if ((key.endsWith("envvar") || key.endsWith("env_var") || key.endsWith("_var"))
          && field.getValue().isTextual()) {
        variables.add(field.getValue().asText());
      }
    });
    credentialHint = variables.isEmpty() ? null : String.join(", ", variables);
    return factory.create(config, new Context());
  }

  private Interceptor authInterceptor(AuthScheme auth) {
    return chain -> {
      final Request authenticated;
      try {
        authenticated = auth.authenticate(chain.request());
      } catch (CredqlException e) {
        throw new CredentialFailure(e);
      }
      return chain.proceed(authenticated);
    };
  }

  /** Carries an auth error (such as a missing variable) out of OkHttp's interceptor chain. */
  private static final class CredentialFailure extends IOException {
    final CredqlException cause;

    CredentialFailure(CredqlException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
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
