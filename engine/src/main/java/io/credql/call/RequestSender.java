package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderUnreachableException;
import io.credql.redact.Redactor;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import static java.util.Objects.requireNonNull;

/**
 * Sends one prepared request and returns the provider's final answer: waits at the
 * {@link RateGate} and for a place under the {@link ConcurrencyLimit}, gives each attempt the
 * connection's {@code timeout=} as a deadline from connect to last byte, retries reads (never
 * mutations) as {@link RetryPolicy} says, and follows a read's redirect only on the same origin.
 */
final class RequestSender {
  private static final Logger LOG = LoggerFactory.getLogger(RequestSender.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** Redirects one read may follow (all on the same origin). */
  static final int MAX_REDIRECTS = 5;

  private final RateGate gate;
  private final ConcurrencyLimit limit;
  private final CallClock clock;
  private final Duration timeout;
  private final ResponseBodyReader bodies;
  private final TransportFailures failures;
  private final Redactor redactor;

  RequestSender(RateGate gate, ConcurrencyLimit limit, CallClock clock, Duration timeout,
      ResponseBodyReader bodies, TransportFailures failures, Redactor redactor) {
    this.gate = requireNonNull(gate, "gate");
    this.limit = requireNonNull(limit, "limit");
    this.clock = requireNonNull(clock, "clock");
    this.timeout = requireNonNull(timeout, "timeout");
    this.bodies = requireNonNull(bodies, "bodies");
    this.failures = requireNonNull(failures, "failures");
    this.redactor = requireNonNull(redactor, "redactor");
  }

  /** A read: a read method's call, or a GET made for a mutation (polling its asynchronous operation). */
  static boolean isRead(PreparedRequest request) {
    return !request.call().method().isMutation() || "GET".equals(request.method());
  }

  /**
   * Sends {@code request} through {@code client} (which adds credentials) and returns the final
   * answer; {@code query} stands for the query it belongs to, which shares the provider's places
   * fairly with the connection's other queries.
   */
  HttpExchange send(OkHttpClient client, PreparedRequest request, Object query) throws CredqlException {
    final MethodDefinition method = request.call().method();
    final boolean read = isRead(request);
    final RetryPolicy policy = RetryPolicy.of(method.config().path("retry"));
    final boolean retried = read && policy.retriesMethod(request.method());
    // a read's retries and their waits all fit in its timeout: no pause is begun that would end past it
    final long deadline = clock.nanoTime() + timeout.toNanos();
    PreparedRequest current = request;
    int redirects = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      final long started = clock.nanoTime();
      final Duration closed = gate.closedFor();
      if (read && !closed.isZero() && closed.toNanos() - (deadline - started) > 0) {
        // another call's 429 holds the provider back past this read's deadline: fail now, not then
        throw failures.throttled(current, attempt - 1, closed, false,
            timeout.minus(Duration.ofNanos(deadline - started)));
      }
      final HttpExchange exchange;
      try {
        exchange = once(client, current, query);
      } catch (AuthInterceptor.CredentialFailure e) {
        throw e.failure();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderUnreachableException(method.id() + ": interrupted", e);
      } catch (IOException e) {
        if (!read) {
          throw failures.mutation(current, e);
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new ProviderUnreachableException(method.id() + ": interrupted", e);
        }
        if (e instanceof CallCancelledException) {
          throw new ProviderUnreachableException(method.id() + ": cancelled before " + request.url().host()
              + " answered", e);
        }
        if (retried && attempt < policy.attempts() && !(e instanceof SSLException)) {
          pause(policy.delay(attempt));
          continue;
        }
        throw failures.readFailed(current, e, attempt);
      }
      if (LOG.isDebugEnabled()) {
        // redacting looks for every secret the connection knows: a fan-out must not pay it per call
        LOG.debug("{} -> {} in {} ms", redactor.redact(current.toString()), exchange.status(),
            (clock.nanoTime() - started) / 1_000_000);
      }
      final int status = exchange.status();
      if (status == 429) {
        final Duration asked = RetryPolicy.retryAfter(exchange.headers().get("Retry-After"));
        final Duration wait = asked != null ? asked : policy.delay(attempt);
        gate.pause(wait);
        if (retried && attempt < policy.throttledAttempts()) {
          final long now = clock.nanoTime();
          if (now + wait.toNanos() - deadline > 0) {
            throw failures.throttled(current, attempt, wait, asked != null,
                timeout.minus(Duration.ofNanos(deadline - now)));
          }
          if (asked == null) {
            pause(wait);
          }
          continue;
        }
        return exchange;
      }
      if (retried && policy.retriesStatus(status) && attempt < policy.attempts()) {
        final Duration wait = RetryPolicy.retryAfter(exchange.headers().get("Retry-After"));
        pause(wait != null ? wait : policy.delay(attempt));
        continue;
      }
      if (isRedirect(status)) {
        if (!isRead(current)) {
          throw failures.redirectedChange(current.call().method(), status);
        }
        current = redirected(current, exchange, ++redirects);
        attempt = 0;
        continue;
      }
      return exchange;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * The request a redirect asks for: only for reads, only on the same origin. A change is never
   * re-sent, and credentials never go to another server.
   */
  private static PreparedRequest redirected(PreparedRequest current, HttpExchange exchange, int redirects)
      throws CredqlException {
    final MethodDefinition method = current.call().method();
    final String location = exchange.headers().get("Location");
    final HttpUrl target = location == null ? null : current.url().resolve(location);
    final String what = "the provider's redirect (HTTP " + exchange.status() + ")";
    if (target == null) {
      throw new ProviderErrorException(method.id(), exchange.status(), null, what + " has no usable Location",
          method.id() + ": HTTP " + exchange.status() + " from the provider without a usable Location header;"
          + " nothing was followed");
    }
    SameOrigin.require(current.url(), target, method.id(), what);
    if (redirects > MAX_REDIRECTS) {
      throw new ProviderErrorException(method.id(), exchange.status(), null, what,
          method.id() + ": the provider redirected more than " + MAX_REDIRECTS + " times; stopping");
    }
    return current.withUrl(target);
  }

  /** One attempt: wait for the gate and a place, send, read the answer whole within the deadline. */
  private HttpExchange once(OkHttpClient client, PreparedRequest request, Object query)
      throws IOException, InterruptedException, CredqlException {
    if (StatementCalls.isCancelled(query)) {
      // a fan-out's call that had not started when its statement was cancelled: it takes no place
      throw new CallCancelledException(new IOException("Canceled"));
    }
    gate.awaitOpen();
    limit.acquire(request.call().method().id(), query);
    try {
      final Call call = client.newCall(toOkHttp(request, query));
      call.timeout().timeout(clock.realTime(timeout).toNanos(), TimeUnit.NANOSECONDS);
      try (Response response = call.execute()) {
        return bodies.read(request, response);
      } catch (IOException e) {
        throw StatementCalls.cancelledByItsStatement(call) ? new CallCancelledException(e) : e;
      }
    } finally {
      limit.release();
    }
  }

  private void pause(Duration duration) throws ProviderUnreachableException {
    try {
      clock.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException("interrupted while waiting to retry", e);
    }
  }

  private static Request toOkHttp(PreparedRequest request, Object query) {
    final Request.Builder builder = StatementCalls.sentByThisThread(new Request.Builder(), query, isRead(request))
        .url(request.url())
        // auth schemes that sign for what the document names (AWS's region and service) read it from the call
        .tag(PreparedRequest.class, request)
        .header("Accept", "application/json")
        .header("User-Agent", "credql/" + ConnectionContext.VERSION);
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    final byte @Nullable [] body = request.body();
    final String contentType = request.headers().get("Content-Type");
    if (body != null && !permitsBody(request.method())) {
      // a GET or HEAD with a body: BodiedGetInterceptor sends it, as OkHttp will not
      builder.tag(BodiedGetInterceptor.Body.class,
          new BodiedGetInterceptor.Body(body, contentType != null ? contentType : JSON_TYPE.toString()));
      builder.method(request.method(), null);
      return builder.build();
    }
    final RequestBody requestBody = body != null
        ? RequestBody.create(body, contentType != null ? MediaType.get(contentType) : JSON_TYPE)
        : requiresBody(request.method()) ? RequestBody.create(new byte[0], null) : null;
    builder.method(request.method(), requestBody);
    return builder.build();
  }

  private static boolean permitsBody(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }
}
