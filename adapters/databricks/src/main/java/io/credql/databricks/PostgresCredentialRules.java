package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.spi.BoundCall;
import io.credql.spi.RequestValidator;
import io.credql.spi.ValidationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The documented rules of {@code postgres_credentials.generate}, checked before the request is
 * sent (dry runs included, with no read): {@code endpoint} is
 * {@code projects/{project_id}/branches/{branch_id}/endpoints/{endpoint_id}}, {@code ttl} is 300 s
 * to 3600 s, {@code expire_time} is 5 minutes to 1 hour from now (by this machine's clock).
 */
public final class PostgresCredentialRules implements RequestValidator {
  /** The documented endpoint resource name; one path segment per id. */
  static final Pattern ENDPOINT = Pattern.compile("projects/[^/]+/branches/[^/]+/endpoints/[^/]+");

  private final Clock clock;

  /** Rules checked against the system clock (what {@link java.util.ServiceLoader} creates). */
  public PostgresCredentialRules() {
    this(Clock.systemUTC());
  }

  PostgresCredentialRules(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public String name() {
    return "databricks_workspace.postgres.credential_request";
  }

  @Override public List<String> validate(BoundCall call, ValidationContext context) {
    final List<String> problems = new ArrayList<>();
    final JsonNode body = call.body();
    if (body == null) {
      return problems;
    }
    final JsonNode endpoint = body.get("endpoint");
    if (endpoint != null && endpoint.isTextual() && !ENDPOINT.matcher(endpoint.asText()).matches()) {
      problems.add("endpoint must be an endpoint's resource name,"
          + " projects/{project_id}/branches/{branch_id}/endpoints/{endpoint_id}, not '"
          + endpoint.asText() + "'");
    }
    final JsonNode ttl = body.get("ttl");
    if (ttl != null && ttl.isTextual()) {
      final Duration duration = ProtoDuration.parse(ttl.asText());
      if (duration == null) {
        problems.add("ttl must be a number of seconds followed by s, such as \"900s\", not '"
            + ttl.asText() + "'");
      } else if (!ProtoDuration.isCredentialLifetime(duration)) {
        problems.add("ttl must be from 300s (5 minutes) to 3600s (1 hour), not " + ttl.asText());
      }
    }
    final JsonNode expireTime = body.get("expire_time");
    if (expireTime != null && expireTime.isTextual()) {
      try {
        final Instant expiry = OffsetDateTime.parse(expireTime.asText()).toInstant();
        final Duration fromNow = Duration.between(clock.instant(), expiry);
        if (!ProtoDuration.isCredentialLifetime(fromNow)) {
          problems.add("expire_time must be from 5 minutes to 1 hour from now, not "
              + expireTime.asText());
        }
      } catch (DateTimeParseException e) {
        problems.add("expire_time must be an RFC 3339 timestamp such as 2026-01-01T12:00:00Z, not '"
            + expireTime.asText() + "'");
      }
    }
    return problems;
  }
}
