package io.credql.databricks;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A database credential the simulator generated: the token a client logs in to Postgres with, and
 * what it is for.
 *
 * @param token      the token, used as the Postgres password
 * @param endpoint   the autoscaling endpoint it is for, or null for a provisioned-instance credential
 * @param instances  the provisioned instances it is for (empty for an endpoint credential)
 * @param principal  who asked for it: the OAuth client id, or {@code token-user} for a personal access token
 * @param expiresAt  when it stops letting logins in
 * @param requestId  the caller's idempotency id, or null
 */
public record IssuedCredential(String token, @Nullable String endpoint, List<String> instances,
    String principal, Instant expiresAt, @Nullable String requestId) {
  public IssuedCredential {
    requireNonNull(token, "token");
    instances = List.copyOf(requireNonNull(instances, "instances"));
    requireNonNull(principal, "principal");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether a login with this token at {@code now} would be let in (expiry is checked at login). */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
