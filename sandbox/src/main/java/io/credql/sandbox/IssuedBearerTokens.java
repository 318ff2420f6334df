package io.credql.sandbox;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The access tokens a simulated token endpoint has issued, each with its expiry, so that the
 * simulated API can tell a valid {@code Authorization: Bearer} header from an unknown or expired one.
 */
public final class IssuedBearerTokens {
  /** What a request's {@code Authorization} header shows. */
  public enum Status { VALID, MISSING, UNKNOWN, EXPIRED }

  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration lifetime;
  private final Clock clock;

  public IssuedBearerTokens(Duration lifetime, Clock clock) {
    this.lifetime = requireNonNull(lifetime, "lifetime");
    this.clock = requireNonNull(clock, "clock");
  }

  /** How long an issued token is accepted. */
  public Duration lifetime() {
    return lifetime;
  }

  /** A new random token starting with {@code prefix}, accepted for {@link #lifetime()} from now. */
  public String issue(String prefix) {
    final byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    final String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiries.put(token, clock.instant().plus(lifetime));
    return token;
  }

  /** Whether {@code authorization} (the header's value, or null) carries a token issued here and still valid. */
  public Status check(@Nullable String authorization) {
    if (authorization == null) {
      return Status.MISSING;
    }
    final Instant expiry = authorization.startsWith("Bearer ")
        ? expiries.get(authorization.substring("Bearer ".length())) : null;
    if (expiry == null) {
      return Status.UNKNOWN;
    }
    return clock.instant().isBefore(expiry) ? Status.VALID : Status.EXPIRED;
  }
}
