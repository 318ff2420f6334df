package io.credql.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.HttpExchange;
import io.credql.call.Page;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.error.CredqlException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Follows the long-running operation an accepted mutation started, for {@code EXEC /*+ AWAIT *\/},
 * until it ends or the connection's {@code awaitTimeout} passes. Two conventions are recognised, whatever
 * the provider:
 *
 * <ul>
 *   <li>an operation resource in the response, with {@code status} and {@code selfLink} (Google's
 *   Cloud SQL and Compute operations): {@code selfLink} is read until {@code status} is
 *   {@code DONE}, and an {@code error} then means it failed. This is what StackQL's AWAIT does
 *   (its {@code mono_valent_execution.go} polls {@code selfLink}; its docs do not say).</li>
 *   <li>Azure's asynchronous operation headers: {@code Azure-AsyncOperation} (or
 *   {@code Operation-Location}) is read until its {@code status} is {@code Succeeded},
 *   {@code Failed} or {@code Canceled}; then the resource is read again at the request's own URL.
 *   A bare {@code 202 Accepted} with {@code Location} is read until it answers something else.</li>
 * </ul>
 *
 * <p>Polls honour {@code Retry-After}, else wait 250 ms doubling up to 5 s. A failed operation is
 * the provider's error with its code and text; one still running at the limit is an outcome-unknown
 * error that says where to look. Polls are reads: retried, never the mutation itself.
 */
final class OperationAwaiter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> AZURE_TERMINAL = Set.of("succeeded", "failed", "canceled", "cancelled");
  private static final Duration FIRST_WAIT = Duration.ofMillis(250);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

  private final ProviderClient client;
  private final PreparedRequest mutation;
  private final Duration limit;

  OperationAwaiter(ProviderClient client, PreparedRequest mutation, Duration limit) {
    this.client = requireNonNull(client, "client");
    this.mutation = requireNonNull(mutation, "mutation");
    this.limit = requireNonNull(limit, "limit");
  }

  /** The operation's final state as a page to show: the finished operation, or the changed resource. */
  Page await(Page accepted) throws CredqlException {
    final long deadline = System.nanoTime() + limit.toNanos();
    final JsonNode body = accepted.response();
    if (body != null && body.hasNonNull("selfLink") && body.hasNonNull("status")) {
      return operationResource(body, deadline);
    }
    final String async = first(accepted, "Azure-AsyncOperation", "Operation-Location");
    if (async != null) {
      return asyncOperation(url(async), accepted, deadline);
    }
    final String location = accepted.headers().get("Location");
    if (accepted.status() == 202 && location != null) {
      return acceptedLocation(url(location), accepted, deadline);
    }
    return accepted;
  }

  private Page operationResource(JsonNode started, long deadline) throws CredqlException {
    JsonNode operation = started;
    Duration wait = FIRST_WAIT;
    final HttpUrl self = url(started.get("selfLink").asText());
    while (!"DONE".equals(operation.path("status").asText())) {
      wait = pause(wait, null, deadline, operation.path("status").asText(), self);
      final HttpExchange polled = read(self);
      operation = json(polled);
    }
    final JsonNode error = operation.get("error");
    if (error != null && !error.isNull() && !error.isMissingNode()) {
      final JsonNode first = error.path("errors").path(0);
      final String code = first.path("code").asText(error.path("code").asText("OPERATION_FAILED"));
      final String text = first.path("message").asText(error.path("message").asText(error.toString()));
      throw failed(code, text);
    }
    return Page.of(List.of(operation), operation, 200);
  }

  private Page asyncOperation(HttpUrl statusUrl, Page accepted, long deadline) throws CredqlException {
    Duration wait = FIRST_WAIT;
    @Nullable String retryAfter = accepted.headers().get("Retry-After");
    String status = "InProgress";
    JsonNode body = null;
    while (!AZURE_TERMINAL.contains(status.toLowerCase(Locale.ROOT))) {
      wait = pause(wait, retryAfter, deadline, status, statusUrl);
      final HttpExchange polled = read(statusUrl);
      retryAfter = polled.headers().get("Retry-After");
      body = json(polled);
      status = body.path("status").asText("InProgress");
    }
    if (!status.equalsIgnoreCase("succeeded")) {
      final JsonNode error = body == null ? null : body.get("error");
      throw failed(error == null ? status : error.path("code").asText(status),
          error == null ? "the operation ended " + status : error.path("message").asText(error.toString()));
    }
    return resourceAfter(accepted);
  }

  private Page acceptedLocation(HttpUrl location, Page accepted, long deadline) throws CredqlException {
    Duration wait = FIRST_WAIT;
    @Nullable String retryAfter = accepted.headers().get("Retry-After");
    while (true) {
      wait = pause(wait, retryAfter, deadline, "Accepted", location);
      final HttpExchange polled = client.poll(mutation, location);
      if (polled.status() != 202) {
        if (polled.status() / 100 != 2) {
          throw failedAt(polled);
        }
        final JsonNode body = parse(polled);
        return body == null ? resourceAfter(accepted) : Page.of(List.of(body), body, polled.status());
      }
      retryAfter = polled.headers().get("Retry-After");
    }
  }

  /** The resource the mutation changed, read at the mutation's own URL, once the operation succeeded. */
  private Page resourceAfter(Page accepted) throws CredqlException {
    final HttpExchange read = client.poll(mutation, mutation.url());
    final JsonNode body = read.status() / 100 == 2 ? parse(read) : null;
    return body == null ? Page.of(List.of(), null, accepted.status()) : Page.of(List.of(body), body, read.status());
  }

  private HttpExchange read(HttpUrl url) throws CredqlException {
    final HttpExchange polled = client.poll(mutation, url);
    if (polled.status() / 100 != 2) {
      throw failedAt(polled);
    }
    return polled;
  }

  /** Waits before the next poll, or gives up when the limit would pass; returns the wait after it. */
  private Duration pause(Duration wait, @Nullable String retryAfter, long deadline, String status, HttpUrl where)
      throws OutcomeUnknownException {
    Duration next = wait;
    if (retryAfter != null) {
      try {
        next = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException e) {
        // an HTTP date: keep the backoff
      }
    }
    final long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new OutcomeUnknownException(mutation.call().method().id() + ": the request was sent and"
          + " accepted, but the operation was still " + status + " after " + limit.getSeconds()
          + " s (the awaitTimeout property); it may still finish: follow it at " + where, null);
    }
    try {
      Thread.sleep(Math.min(next.toMillis(), remaining / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutcomeUnknownException(mutation.call().method().id() + ": interrupted while awaiting"
          + " the operation; the request was sent and accepted", e);
    }
    final Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
  }

  private ProviderErrorException failed(String code, String text) {
    final String method = mutation.call().method().id();
    return new ProviderErrorException(method, 200, code, text, method + ": the request was sent and"
        + " accepted, but the operation failed: [" + code + "] " + text);
  }

  private ProviderErrorException failedAt(HttpExchange polled) {
    final ProviderErrorException refusal = client.error(polled);
    final String method = mutation.call().method().id();
    return new ProviderErrorException(method, refusal.httpStatus(), refusal.providerCode(),
        refusal.providerMessage(), method + ": the request was sent and accepted, but following the"
        + " operation failed: " + refusal.getMessage());
  }

  private HttpUrl url(String text) throws ProviderResponseException {
    final HttpUrl url = mutation.url().resolve(text);
    if (url == null) {
      throw new ProviderResponseException(mutation.call().method().id() + ": the request was sent"
          + " and accepted, but the operation's link is not a URL, so it cannot be awaited");
    }
    return url;
  }

  private @Nullable String first(Page page, String... headers) {
    for (String header : headers) {
      final String value = page.headers().get(header);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private JsonNode json(HttpExchange exchange) throws ProviderResponseException {
    final JsonNode body = parse(exchange);
    if (body == null || !body.isObject()) {
      throw new ProviderResponseException(mutation.call().method().id() + ": the request was sent"
          + " and accepted, but its operation's status is not JSON, so it cannot be awaited");
    }
    return body;
  }

  private static @Nullable JsonNode parse(HttpExchange exchange) {
    final String text = new String(exchange.body(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
