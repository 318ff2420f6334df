package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.document.SqlVerb;
import io.credql.error.CredqlException;
import io.credql.error.OutcomeUnknownException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
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
   * A mutation answered by a gateway error (502, 503, 504): the gateway may have passed it on,
   * so whether it took effect is unknown.
   */
  OutcomeUnknownException gatewayAnswered(MethodDefinition method, int status, Throwable providerError) {
    return outcomeUnknown(method, "a gateway answered HTTP " + status + ", so the request may have reached "
        + provider + " and taken effect", providerError);
  }

  /**
   * A mutation answered by a redirect, which credql never follows for a change: the server may
   * have acted before it answered (a 303 says it did), so whether it took effect is unknown.
   */
  OutcomeUnknownException redirectedChange(MethodDefinition method, int status) {
    return outcomeUnknown(method, provider + " answered HTTP " + status + " (a redirect), which credql"
        + " does not follow for a change, and may have acted before it answered", null);
  }

  private static OutcomeUnknownException outcomeUnknown(MethodDefinition method, String what,
      @Nullable Throwable cause) {
    final String hint = verifyHint(method);
    // a hint ends "WHERE id = ...": no period after its ellipsis
    return new OutcomeUnknownException(method.id() + ": outcome unknown: " + what
        + ". It was not re-sent. Check whether it took effect before trying again" + hint
        + (hint.endsWith("...") ? "" : "."), cause);
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
