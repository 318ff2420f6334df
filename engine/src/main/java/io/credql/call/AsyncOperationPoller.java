package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.MethodDefinition;
import io.credql.document.ParameterDefinition;
import io.credql.document.ResourceDefinition;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;
import io.credql.redact.Redactor;
import io.credql.spi.BoundCall;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Waits for the asynchronous operation a mutation's response announces, for
 * {@code /*+ AWAIT *}{@code /}: Azure's {@code Azure-AsyncOperation} header (poll until its
 * {@code status} is Succeeded, Failed or Canceled), a {@code Location} header on 202 (poll until it
 * stops answering 202), or a Google-style {@code Operation} body ({@code name} with {@code done}
 * or {@code status: DONE}; polled at its {@code selfLink}, or through the service's
 * {@code operations.get}). Polls are reads (retried as reads are), go only to the origin the
 * mutation was sent to, and stop at the connection's {@code awaitTimeout}.
 */
public final class AsyncOperationPoller {
  /** Shortest pause between polls, when the provider asks for none. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(50);
  /** Longest pause between polls when the provider does not say (Retry-After). */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderClient client;
  private final Redactor redactor;
  private final CallProgress progress;
  private final Duration timeout;
  private final CallClock clock;

  /** A poller that waits between polls, and measures {@code timeout}, on {@code clock}. */
  public AsyncOperationPoller(ProviderClient client, Redactor redactor, CallProgress progress,
      Duration timeout, CallClock clock) {
    this.client = requireNonNull(client, "client");
    this.redactor = requireNonNull(redactor, "redactor");
    this.progress = requireNonNull(progress, "progress");
    this.timeout = requireNonNull(timeout, "timeout");
    this.clock = requireNonNull(clock, "clock");
  }

  /** How an operation is followed: where to poll, and how its answer says it is over. */
  private enum Style { AZURE_ASYNC_OPERATION, LOCATION, GOOGLE_OPERATION }

  /**
   * The final state of the operation {@code page} (the response to {@code request}) announces:
   * the last poll's body, or {@code page}'s own body when the response is not an asynchronous
   * operation (the call finished at once).
   */
  public @Nullable JsonNode await(PreparedRequest request, Page page) throws CredqlException {
    final MethodDefinition method = request.call().method();
    final String azure = page.headers().get("Azure-AsyncOperation");
    final String location = page.headers().get("Location");
    final JsonNode body = page.response();
    final Style style;
    PreparedRequest poll;
    if (azure != null) {
      style = Style.AZURE_ASYNC_OPERATION;
      poll = pollAt(request, azure);
    } else if (page.status() == 202 && location != null) {
      style = Style.LOCATION;
      poll = pollAt(request, location);
    } else if (body != null && isGoogleOperation(body)) {
      if (isDone(body)) {
        return finished(method, body, describe(body));
      }
      style = Style.GOOGLE_OPERATION;
      poll = googlePoll(request, body);
    } else {
      return body;
    }
    final String operation = style == Style.GOOGLE_OPERATION ? describe(requireNonNull(body, "body"))
        : redactor.redact(poll.url().toString());
    final long deadline = clock.nanoTime() + timeout.toNanos();
    Duration interval = retryAfter(page, MIN_INTERVAL);
    while (true) {
      if (clock.nanoTime() + interval.toNanos() > deadline) {
        throw new ProviderResponseException(method.id() + ": the asynchronous operation "
            + operation + " did not finish within " + timeout.toSeconds()
            + " s (property awaitTimeout); it may still be running: check it later at "
            + operation);
      }
      pause(method, interval);
      progress.planned(1);
      final HttpExchange exchange;
      try {
        exchange = client.send(poll);
      } finally {
        progress.done();
      }
      if (!exchange.isSuccessful()) {
        throw new ProviderErrorException(method.id(), exchange.status(), null,
            "polling failed", method.id() + ": polling the asynchronous operation " + operation
            + " failed with HTTP " + exchange.status() + "; the request itself was accepted: check"
            + " the operation later at " + operation);
      }
      final JsonNode state = parse(method, exchange);
      switch (style) {
      case AZURE_ASYNC_OPERATION: {
        final String status = state == null ? "" : state.path("status").asText("");
        switch (status.toLowerCase(Locale.ROOT)) {
        case "succeeded":
          return state;
        case "failed":
        case "canceled":
        case "cancelled":
          throw failed(method, operation, status, requireNonNull(state, "state")); // its status was read from it
        default:
          break;
        }
        break;
      }
      case LOCATION:
        if (exchange.status() != 202) {
          return state;
        }
        final String next = exchange.headers().get("Location");
        if (next != null) {
          poll = pollAt(request, next);
        }
        break;
      default:
        if (state != null && isDone(state)) {
          return finished(method, state, operation);
        }
        break;
      }
      interval = retryAfter(exchange.headers().get("Retry-After"),
          interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2));
    }
  }

  private static boolean isGoogleOperation(@Nullable JsonNode body) {
    if (body == null || !body.isObject() || !body.has("name")) {
      return false;
    }
    final String kind = body.path("kind").asText("");
    return kind.endsWith("#operation") || body.has("done")
        || (body.has("status") && body.has("operationType"));
  }

  private static boolean isDone(@Nullable JsonNode body) {
    return body != null && (body.path("done").asBoolean(false)
        || "DONE".equalsIgnoreCase(body.path("status").asText("")));
  }

  private JsonNode finished(MethodDefinition method, JsonNode state, String operation)
      throws ProviderResponseException {
    final JsonNode error = state.get("error");
    if (error != null && !error.isNull() && !(error.isObject() && error.isEmpty())) {
      throw failed(method, operation, "failed", state);
    }
    return state;
  }

  private ProviderResponseException failed(MethodDefinition method, String operation,
      String status, JsonNode state) {
    final JsonNode error = state.path("error");
    String reason = error.path("message").asText("");
    String code = error.path("code").asText("");
    if (reason.isEmpty() && error.path("errors").isArray() && error.path("errors").size() > 0) {
      reason = error.path("errors").get(0).path("message").asText("");
      code = error.path("errors").get(0).path("code").asText(code);
    }
    // the provider's code with its text (Azure's error.code, Google's errors[].code)
    if (!code.isEmpty()) {
      reason = "[" + code + "] " + reason;
    }
    return new ProviderResponseException(method.id() + ": the asynchronous operation " + operation
        + " ended " + status.toLowerCase(Locale.ROOT)
        + (reason.isEmpty() ? "" : ": " + redactor.redact(reason))
        + "; see the operation at " + operation);
  }

  private static String describe(JsonNode body) {
    final String selfLink = body.path("selfLink").asText("");
    return selfLink.isEmpty() ? body.path("name").asText() : selfLink;
  }

  /** A GET of {@code link}, which must be on the origin {@code request} went to. */
  private static PreparedRequest pollAt(PreparedRequest request, String link)
      throws ProviderResponseException {
    final HttpUrl url = request.url().resolve(link);
    final HttpUrl origin = request.url();
    if (url == null || !url.scheme().equals(origin.scheme()) || !url.host().equals(origin.host())
        || url.port() != origin.port()) {
      throw new ProviderResponseException(request.call().method().id()
          + ": the provider's asynchronous operation is at another origin ("
          + (url == null ? "an unreadable address" : url.scheme() + "://" + url.host() + ":" + url.port())
          + ") than the request (" + origin.scheme() + "://" + origin.host() + ":" + origin.port()
          + "); it was not polled, so that credentials go nowhere else. The request itself was accepted.");
    }
    return new PreparedRequest(request.call(), "GET", url, Map.of(), null);
  }

  /** Google's operation: its selfLink, or the service's operations.get bound with the operation's name. */
  private PreparedRequest googlePoll(PreparedRequest request, JsonNode body) throws CredqlException {
    final String selfLink = body.path("selfLink").asText("");
    if (!selfLink.isEmpty()) {
      return pollAt(request, selfLink);
    }
    final MethodDefinition method = request.call().method();
    final String name = body.path("name").asText();
    for (ResourceDefinition resource : method.resource().service().resources().values()) {
      final MethodDefinition get = resource.name().toLowerCase(Locale.ROOT).endsWith("operations")
          ? resource.method("get") : null;
      if (get == null || get.isMutation()) {
        continue;
      }
      final Map<String, Object> inputs = new LinkedHashMap<>();
      for (String required : get.requiredInputNames()) {
        final Object given = request.call().inputs().get(required);
        inputs.put(required, given != null ? given : operationId(get.input(required), name));
      }
      final PreparedRequest prepared = client.prepare(new BoundCall(get, inputs, null));
      return pollAt(request, prepared.url().toString());
    }
    return pollAt(request, name.startsWith("/") ? name : "/" + firstSegment(request.url()) + name);
  }

  /** The operation's name as a path value: the whole name where slashes are allowed, else its last part. */
  private static String operationId(@Nullable ParameterDefinition input, String name) {
    final int slash = name.lastIndexOf('/');
    return slash < 0 || input == null ? name : name.substring(slash + 1);
  }

  private static String firstSegment(HttpUrl url) {
    final String segment = url.pathSegments().isEmpty() ? "" : url.pathSegments().get(0);
    return segment.isEmpty() ? "" : segment + "/";
  }

  private @Nullable JsonNode parse(MethodDefinition method, HttpExchange exchange)
      throws ProviderResponseException {
    final byte[] body = exchange.content().bytes();
    if (body.length == 0) {
      return null;
    }
    try {
      final JsonNode tree = JSON.readTree(body);
      redactor.registerSensitiveValues(tree);
      return tree;
    } catch (IOException e) {
      throw new ProviderResponseException(method.id() + ": the asynchronous operation's status "
          + "(HTTP " + exchange.status() + ") is not valid JSON; the request itself was accepted");
    }
  }

  private static Duration retryAfter(Page page, Duration otherwise) {
    return retryAfter(page.headers().get("Retry-After"), otherwise);
  }

  private static Duration retryAfter(@Nullable String header, Duration otherwise) {
    final Duration given = RetryPolicy.retryAfter(header);
    final Duration chosen = given != null ? given : otherwise;
    return chosen.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : chosen;
  }

  private void pause(MethodDefinition method, Duration interval)
      throws ProviderUnreachableException {
    try {
      clock.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException(method.id() + ": interrupted while awaiting its operation", e);
    }
  }
}
