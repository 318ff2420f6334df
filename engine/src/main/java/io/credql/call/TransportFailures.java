package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.document.SqlVerb;
import io.credql.error.CredqlException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.checkerframework.checker.nullness.qual.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * What a failed exchange means for the user: a read that never got through, a change that was
 * certainly not sent, or a change whose outcome is unknown, with the SELECT that checks it.
 */
final class TransportFailures {
  private final String provider;
  private final int timeoutSeconds;

  TransportFailures(String provider, int timeoutSeconds) {
    this.provider = requireNonNull(provider, "provider");
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * A read that failed {@code attempts} times: the provider could not be reached, or (the last
   * attempt's answer cut short) it answered but its answer never arrived whole.
   */
  CredqlException readFailed(PreparedRequest request, IOException e, int attempts) {
    final String id = request.call().method().id();
    final String tries = attempts == 1 ? "" : " (on each of " + attempts + " attempts)";
    if (e instanceof ResponseCutShortException) {
      return new ProviderResponseException(id + ": " + provider + " at " + request.url().host()
          + " answered, but " + e.getMessage() + tries + "; no rows were returned", e);
    }
    return new ProviderUnreachableException(id + ": cannot reach " + provider
        + " at " + request.url().host() + (attempts == 1 ? "" : " after " + attempts + " attempts")
        + " (" + describe(e, attempts) + ")", e);
  }

  /**
   * A read the provider keeps throttling (HTTP 429) whose next wait would end past its
   * {@code timeout=}: after {@code attempts} attempts (none when an earlier call's 429 holds the
   * provider back), {@code elapsed} into the read, it would have to wait {@code wait}
   * ({@code asked}: as the provider's {@code Retry-After} said).
   */
  ProviderErrorException throttled(PreparedRequest request, int attempts, Duration wait, boolean asked,
      Duration elapsed) {
    final String id = request.call().method().id();
    final String at = provider + " at " + request.url().host();
    final String what = attempts == 0
        ? at + " is throttling this connection: an earlier HTTP 429 (too many requests) holds every request"
            + " to it back for " + seconds(wait) + " s more, past this read's timeout=" + timeoutSeconds
            + " s; this read was not sent"
        : at + (attempts == 1 ? " answered" : " kept answering") + " HTTP 429 (too many requests) to "
            + attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + seconds(elapsed)
            + " s, and the next wait (" + seconds(wait) + " s" + (asked ? ", as its Retry-After asked" : "")
            + ") would end past this read's timeout=" + timeoutSeconds + " s; credql stopped without waiting";
    return new ProviderErrorException(id, 429, null, "Too Many Requests", id + ": " + what
        + ". Lower concurrency=<n> so fewer requests run at once, or raise timeout=<seconds> to wait longer");
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  /** A mutation whose exchange failed: not sent if the connection never opened, otherwise unknown. */
  CredqlException mutation(PreparedRequest request, IOException e) {
    final MethodDefinition method = request.call().method();
    if (e instanceof ConnectException || e instanceof UnknownHostException || isUntrustedServer(e)) {
      return new ProviderUnreachableException(method.id() + ": cannot connect to " + provider
          + " at " + request.url().host() + " (" + describe(e, 1) + "); the request was not sent", e);
    }
    if (e instanceof CallCancelledException) {
      return outcomeUnknown(method, e.getMessage() + ", after it may have reached " + provider, e);
    }
    if (e instanceof ResponseCutShortException) {
      return outcomeUnknown(method, "the request was sent and " + provider + " began to answer, but "
          + e.getMessage(), e);
    }
    return outcomeUnknown(method, "the connection failed (" + describe(e, 1) + ") after the request may have reached "
        + provider, e);
  }

  /**
   * A mutation answered by a server error (5xx): a gateway's (502, 503, 504) may have passed it
   * on, and a server that fails (500) may have applied it before failing, so whether it took
   * effect is unknown.
   */
  OutcomeUnknownException serverErrorAnswered(MethodDefinition method, ProviderErrorException providerError) {
    final int status = providerError.httpStatus();
    final String what = status == 502 || status == 503 || status == 504
        ? "a gateway answered HTTP " + status + ", so the request may have reached " + provider + " and taken effect"
        : provider + " answered HTTP " + status + " (" + providerError.providerMessage() + "), a server error"
            + " that does not say whether the change was applied before it failed";
    return outcomeUnknown(method, what, status, providerError);
  }

  /**
   * A mutation answered by a redirect, which credql never follows for a change: the server may
   * have acted before it answered (a 303 says it did), so whether it took effect is unknown.
   */
  OutcomeUnknownException redirectedChange(MethodDefinition method, int status) {
    return outcomeUnknown(method, provider + " answered HTTP " + status + " (a redirect), which credql"
        + " does not follow for a change, and may have acted before it answered", status, null);
  }

  private static OutcomeUnknownException outcomeUnknown(MethodDefinition method, String what,
      @Nullable Throwable cause) {
    return outcomeUnknown(method, what, 0, cause);
  }

  private static OutcomeUnknownException outcomeUnknown(MethodDefinition method, String what, int status,
      @Nullable Throwable cause) {
    final String hint = verifyHint(method);
    // a hint ends "WHERE id = ...": no period after its ellipsis
    return new OutcomeUnknownException(method.id() + ": outcome unknown: " + what
        + ". It was not re-sent. Check whether it took effect before trying again" + hint
        + (hint.endsWith("...") ? "" : "."), status, cause);
  }

  /** ", e.g. with SELECT * FROM resource WHERE required = ..." or nothing if the resource has no SELECT. */
  static String verifyHint(MethodDefinition method) {
    final String select = io.credql.audit.VerifyingSelect.of(method);
    return select == null ? "" : ", e.g. with " + select;
  }

  /** The TLS handshake failed: nothing was sent, and trying again would fail the same way. */
  static boolean isUntrustedServer(IOException e) {
    return e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException;
  }

  private String describe(IOException e, int attempts) {
    if (isUntrustedServer(e)) {
      return "the server's TLS certificate is not trusted or does not name the host; credql always"
          + " verifies certificates (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
      return "no answer within " + timeoutSeconds + " s" + (attempts == 1 ? "" : " on each attempt")
          + "; the connection property timeout=<seconds> sets how long to wait";
    }
    final String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
