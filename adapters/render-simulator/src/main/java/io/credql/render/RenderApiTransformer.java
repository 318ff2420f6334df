package io.credql.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.sandbox.RateLimitWindow;
import io.credql.sandbox.JsonBody;
import io.credql.sandbox.SimulatedApiTransformer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to the simulator from its state, checking in
 * this order: the API key, the rate limit, the path, the method, the instance and the user.
 *
 * <p>Simulated under {@code /v1}: listing (cursor-paginated, with Render's filters) and retrieving
 * Postgres instances, their connection information, and listing, creating and deleting their
 * users. Other paths are 404 {@code not_found}; other methods on these paths are 405.
 */
final class RenderApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "render-api";

  static final String UNAUTHORIZED = "Authorization information is missing or invalid.";
  static final String NOT_FOUND = "Unable to find the requested resource.";
  static final String BAD_REQUEST = "The request could not be understood by the server.";
  /** Render's own words (seed 002), since the API's wording of this refusal is not published. */
  static final String DEFAULT_USER_REFUSAL = "You can't delete your database's current default user."
      + " To perform a credential rotation involving the default user, first create a new user to"
      + " make it the new default. You can then delete the previous default user.";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final int MAX_LIMIT = 100;
  private static final int DEFAULT_LIMIT = 20;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  /** PostgreSQL's identifier rules for a role created by name; Render's own checks are not published. */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Set<RequestMethod> READS = Set.of(RequestMethod.GET, RequestMethod.HEAD);

  /** A response before the headers every response carries are added; a null body is an empty one. */
  private record Reply(int status, @Nullable JsonNode body, Map<String, String> headers) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body, Map.of());
    }

    static Reply empty(int status) {
      return new Reply(status, null, Map.of());
    }

    Reply withHeader(String name, String value) {
      final Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, more);
    }
  }

  /** A bad query parameter, answered with 400. */
  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private final RenderState state;
  private final String expectedAuthorization;
  private final RateLimitWindow reads;
  private final RateLimitWindow writes;
  private final LongSupplier clock;

  RenderApiTransformer(RenderState state, String apiKey, RateLimitWindow reads, RateLimitWindow writes,
      LongSupplier clock) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.expectedAuthorization = "Bearer " + requireNonNull(apiKey, "apiKey");
    this.reads = requireNonNull(reads, "reads");
    this.writes = requireNonNull(writes, "writes");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final long now = clock.getAsLong();
    final RateLimitWindow window = READS.contains(request.getMethod()) ? reads : writes;
    if (!authorized(request)) {
      return respond(error(401, "unauthorized", UNAUTHORIZED), window.peek(now));
    }
    final RateLimitWindow.Usage usage = window.take(now);
    if (!usage.allowed()) {
      // Render's wording of a 429 is not published; the id follows its other errors
      return respond(error(429, "rate_limited", "Rate limit exceeded. Try again in "
          + usage.retryAfterSeconds() + " seconds.")
          .withHeader("Retry-After", Long.toString(usage.retryAfterSeconds())), usage);
    }
    return respond(route(request, Instant.ofEpochMilli(now)), usage);
  }

  /** Exactly one {@code Authorization} header, exactly {@code Bearer <key>}. */
  private boolean authorized(LoggedRequest request) {
    final HttpHeader header = request.header("Authorization");
    return header != null && header.isPresent() && header.values().size() == 1
        && expectedAuthorization.equals(header.firstValue());
  }

  private Reply route(LoggedRequest request, Instant now) {
    final String url = request.getUrl();
    final int query = url.indexOf('?');
    final String[] raw = (query < 0 ? url : url.substring(0, query)).replaceFirst("^/+", "").split("/", -1);
    final List<String> segments = new ArrayList<>();
    for (String segment : raw) {
      segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    if (segments.size() < 2 || !"v1".equals(segments.get(0)) || !"postgres".equals(segments.get(1))) {
      return notFound();
    }
    final RequestMethod method = request.getMethod();
    if (segments.size() == 2) {
      return isRead(method) ? listing(request) : methodNotAllowed("GET");
    }
    final String id = segments.get(2);
    if (segments.size() == 3) {
      return isRead(method) ? retrieve(id) : methodNotAllowed("GET");
    }
    final String part = segments.get(3);
    if (segments.size() == 4 && "connection-info".equals(part)) {
      return isRead(method) ? connectionInfo(id) : methodNotAllowed("GET");
    }
    if (!"credentials".equals(part)) {
      return notFound();
    }
    if (segments.size() == 4) {
      if (isRead(method)) {
        return users(id);
      }
      return RequestMethod.POST.equals(method) ? createUser(id, request.getBody(), now)
          : methodNotAllowed("GET, POST");
    }
    if (segments.size() == 5 && !segments.get(4).isEmpty()) {
      return RequestMethod.DELETE.equals(method) ? deleteUser(id, segments.get(4), now)
          : methodNotAllowed("DELETE");
    }
    return notFound();
  }

  private static boolean isRead(RequestMethod method) {
    return READS.contains(method);
  }

  private Reply listing(LoggedRequest request) {
    final Predicate<PostgresInstance> filter;
    final int limit;
    final @Nullable String after;
    try {
      filter = filter(request);
      limit = limit(request);
      after = cursorPosition(request);
    } catch (BadRequest e) {
      return error(400, "bad_request", String.valueOf(e.getMessage())); // always given
    }
    final ArrayNode page = JsonNodeFactory.instance.arrayNode();
    for (PostgresInstance instance : state.list(filter)) {
      if (page.size() == limit) {
        break;
      }
      if (after == null || instance.id().compareTo(after) > 0) {
        page.add(RenderJson.listItem(cursor(instance.id()), instance));
      }
    }
    return Reply.ok(page);
  }

  /** The listing's filters; every value of a repeated parameter is accepted (OR), parameters combine (AND). */
  private static Predicate<PostgresInstance> filter(LoggedRequest request) throws BadRequest {
    final List<String> names = values(request, "name");
    final List<String> regions = values(request, "region");
    for (String region : regions) {
      if (!PostgresInstance.REGIONS.contains(region)) {
        throw new BadRequest("invalid region " + region + "; valid regions are "
            + "oregon, frankfurt, ohio, singapore, virginia");
      }
    }
    final List<String> suspended = values(request, "suspended");
    for (String value : suspended) {
      if (!value.equals("suspended") && !value.equals("not_suspended")) {
        throw new BadRequest("invalid suspended " + value + "; valid values are suspended, not_suspended");
      }
    }
    final List<String> owners = values(request, "ownerId");
    final List<String> environments = values(request, "environmentId");
    final Instant createdBefore = time(request, "createdBefore");
    final Instant createdAfter = time(request, "createdAfter");
    final Instant updatedBefore = time(request, "updatedBefore");
    final Instant updatedAfter = time(request, "updatedAfter");
    final List<String> replicas = values(request, "includeReplicas");
    if (replicas.size() > 1 || replicas.size() == 1
        && !replicas.get(0).equals("true") && !replicas.get(0).equals("false")) {
      throw new BadRequest("includeReplicas must be true or false");
    }
    final boolean includeReplicas = replicas.isEmpty() || replicas.get(0).equals("true");
    return instance -> (names.isEmpty() || names.contains(instance.name()))
        && (regions.isEmpty() || regions.contains(instance.region()))
        && (suspended.isEmpty() || suspended.contains(instance.suspended()))
        && (owners.isEmpty() || owners.contains(instance.owner().id()))
        && (environments.isEmpty() || environments.contains(instance.environmentId()))
        && (createdBefore == null || instance.createdAt().isBefore(createdBefore))
        && (createdAfter == null || instance.createdAt().isAfter(createdAfter))
        && (updatedBefore == null || instance.updatedAt().isBefore(updatedBefore))
        && (updatedAfter == null || instance.updatedAt().isAfter(updatedAfter))
        && (includeReplicas || instance.primaryPostgresId() == null);
  }

  private static List<String> values(LoggedRequest request, String name) {
    final QueryParameter parameter = request.queryParameter(name);
    return parameter == null || !parameter.isPresent() ? List.of() : parameter.values();
  }

  private static @Nullable Instant time(LoggedRequest request, String name) throws BadRequest {
    final List<String> values = values(request, name);
    if (values.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(values.get(0)).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " must be an ISO 8601 date-time, such as 2025-01-15T10:30:00Z");
    }
  }

  private static int limit(LoggedRequest request) throws BadRequest {
    final List<String> values = values(request, "limit");
    if (values.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    final String text = values.get(0);
    if (DIGITS.matcher(text).matches()) {
      final int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    }
    throw new BadRequest("limit must be an integer from 1 to " + MAX_LIMIT);
  }

  /** The id of the instance the cursor stands for; the listing continues after it. */
  private static @Nullable String cursorPosition(LoggedRequest request) throws BadRequest {
    final List<String> values = values(request, "cursor");
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return null;
    }
    try {
      final String id = new String(Base64.getDecoder().decode(values.get(0)), StandardCharsets.UTF_8);
      if (id.startsWith("dpg-")) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // not Base64: the same answer as a cursor of something else
    }
    throw new BadRequest("invalid cursor");
  }

  /** An opaque cursor, as Render's look: Base64 of the position. */
  static String cursor(String id) {
    return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private Reply retrieve(String id) {
    final PostgresInstance instance = state.find(id);
    return instance == null ? notFound() : Reply.ok(RenderJson.detail(instance));
  }

  private Reply connectionInfo(String id) {
    final PostgresInstance instance = state.find(id);
    return instance == null ? notFound() : Reply.ok(RenderJson.connectionInfo(instance));
  }

  private Reply users(String id) {
    final PostgresInstance instance = state.find(id);
    return instance == null ? notFound() : Reply.ok(RenderJson.users(instance));
  }

  private Reply createUser(String id, byte[] body, Instant now) {
    final JsonNode input;
    try {
      input = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return error(400, "bad_request", BAD_REQUEST);
    }
    if (input == null || !input.isObject()) {
      return error(400, "bad_request", BAD_REQUEST);
    }
    final JsonNode username = input.get("username");
    if (username == null || username.isNull() || username.isTextual() && username.asText().isEmpty()) {
      return error(400, "bad_request", "username is required");
    }
    if (!username.isTextual() || !USERNAME.matcher(username.asText()).matches()) {
      return error(400, "bad_request", "username must start with a letter or an underscore and contain"
          + " only letters, digits and underscores, at most 63 characters");
    }
    final String name = username.asText();
    if (name.toLowerCase(Locale.ROOT).startsWith("pg_")) {
      return error(400, "bad_request", "usernames starting with pg_ are reserved by PostgreSQL");
    }
    switch (state.createUser(id, name, now)) {
    case NO_INSTANCE:
      return notFound();
    case EXISTS:
      return error(400, "bad_request", "a user named " + name + " already exists");
    default:
      return Reply.empty(202);
    }
  }

  private Reply deleteUser(String id, String username, Instant now) {
    switch (state.deleteUser(id, username, now)) {
    case NO_INSTANCE:
    case NO_USER:
      return notFound();
    case IS_DEFAULT:
      return error(400, "bad_request", DEFAULT_USER_REFUSAL);
    default:
      return Reply.empty(200);
    }
  }

  private static Reply notFound() {
    return error(404, "not_found", NOT_FOUND);
  }

  private static Reply methodNotAllowed(String allowed) {
    return error(405, "method_not_allowed", "Method not allowed.").withHeader("Allow", allowed);
  }

  private static Reply error(int status, String id, String message) {
    return new Reply(status, RenderJson.error(id, message), Map.of());
  }

  private static ResponseDefinition respond(Reply reply, RateLimitWindow.Usage usage) {
    final ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(reply.status());
    // Render answers 202 (create) and 200 (delete) with no body and no Content-Type
    if (reply.body() != null) {
      response.withHeader("Content-Type", JSON_TYPE).withBody(JsonBody.of(reply.body()));
    }
    response.withHeader("Ratelimit-Limit", Integer.toString(usage.limit()));
    response.withHeader("Ratelimit-Remaining", Integer.toString(usage.remaining()));
    // "UTC Epoch Seconds", as Render's rate-limiting page defines the header
    response.withHeader("Ratelimit-Reset", Long.toString(usage.resetEpochSecond()));
    reply.headers().forEach(response::withHeader);
    return response.build();
  }
}
