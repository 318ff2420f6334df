package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.sandbox.JsonBody;
import io.credql.sandbox.SimulatedApiTransformer;
import okhttp3.HttpUrl;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to the simulated workspace from its state.
 *
 * <p>{@code POST /oidc/v1/token} issues OAuth tokens for the configured service principal (HTTP
 * Basic client credentials, form {@code grant_type=client_credentials&scope=all-apis}; refusals
 * in RFC 6749's {@code {error, error_description}}). Every other request needs
 * {@code Authorization: Bearer} with the configured personal access token or an unexpired issued
 * token, else 401. Then: the instance listing (token-paginated) and single instances of Lakebase
 * Provisioned, and credential generation of both Lakebase APIs. Errors are Databricks'
 * {@code {error_code, message, details}}; anything else is 404 {@code ENDPOINT_NOT_FOUND}.
 */
final class DatabricksApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "databricks-api";
  /** The documented maximum of {@code page_size}. */
  static final int MAX_PAGE_SIZE = 100;
  /** The page size when none is asked for (Databricks' default is UNCONFIRMED). */
  static final int DEFAULT_PAGE_SIZE = 50;
  /** Whom a personal access token stands for, in generated tokens. */
  static final String TOKEN_USER = "token-user";
  /** Database credentials live an hour unless asked otherwise (the default is UNCONFIRMED). */
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern PAGE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** A response before the headers every response carries are added. */
  private record Reply(int status, JsonNode body, Map<String, String> headers) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body, Map.of());
    }
  }

  private final DatabricksState state;
  private final @Nullable String personalAccessToken;
  private final @Nullable String clientId;
  private final @Nullable String clientSecret;
  private final Duration accessTokenLifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DatabricksApiTransformer(DatabricksState state, @Nullable String personalAccessToken,
      @Nullable String clientId, @Nullable String clientSecret, Duration accessTokenLifetime,
      Clock clock) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.personalAccessToken = personalAccessToken;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.accessTokenLifetime = requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final HttpUrl url = HttpUrl.parse("http://workspace" + request.getUrl());
    if (url == null) {
      return respond(error(400, "BAD_REQUEST", "The request URL is malformed."));
    }
    if (url.encodedPath().equals(DatabricksAuthScheme.TOKEN_PATH)) {
      return respond(tokenEndpoint(request));
    }
    final String principal = principal(request);
    if (principal == null) {
      return respond(error(401, "UNAUTHENTICATED", request.header("Authorization").isPresent()
          ? "Invalid access token." // Databricks' wording for a bad or expired token is UNCONFIRMED
          : "Credential was not sent or was of an unsupported type for this API."));
    }
    return respond(route(request, url, principal));
  }

  // ---- OAuth

  private Reply tokenEndpoint(LoggedRequest request) {
    if (!RequestMethod.POST.equals(request.getMethod())) {
      return oauthError(405, "invalid_request", "The token endpoint accepts POST only.");
    }
    if (!isServicePrincipal(basicCredentials(request))) {
      return new Reply(401, oauthBody("invalid_client", "Client authentication failed."),
          Map.of("WWW-Authenticate", "Basic realm=\"oidc\""));
    }
    final String contentType = request.contentTypeHeader().isPresent()
        ? request.contentTypeHeader().mimeTypePart() : "";
    if (!"application/x-www-form-urlencoded".equalsIgnoreCase(contentType)) {
      return oauthError(400, "invalid_request",
          "The request body must be application/x-www-form-urlencoded.");
    }
    final Map<String, String> form = form(request.getBodyAsString());
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type",
          "grant_type must be client_credentials for a service principal.");
    }
    final String scope = form.getOrDefault("scope", "all-apis");
    if (!List.of(scope.trim().split("\\s+")).contains("all-apis")) {
      return oauthError(400, "invalid_scope", "The requested scope is invalid: " + scope);
    }
    final Instant now = clock.instant();
    final Instant expiresAt = now.plus(accessTokenLifetime);
    final String token = jwt(clientId, "workspace", now, expiresAt);
    state.grantAccess(token, requireNonNull(clientId, "clientId"), expiresAt);
    final ObjectNode body = NODES.objectNode();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", accessTokenLifetime.getSeconds());
    body.put("scope", "all-apis");
    return Reply.ok(body);
  }

  private static String @Nullable [] basicCredentials(LoggedRequest request) {
    final HttpHeader header = request.header("Authorization");
    if (!header.isPresent() || header.values().size() != 1
        || !header.firstValue().regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    final String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.firstValue().substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    final int colon = decoded.indexOf(':');
    return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private boolean isServicePrincipal(String @Nullable [] credentials) {
    return credentials != null && clientId != null && clientSecret != null
        && constantTimeEquals(clientId, credentials[0]) && constantTimeEquals(clientSecret, credentials[1]);
  }

  private static Map<String, String> form(String body) {
    final Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int equals = pair.indexOf('=');
      final String key = equals < 0 ? pair : pair.substring(0, equals);
      final String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        form.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: the pair is ignored, and a missing grant_type is reported
      }
    }
    return form;
  }

  /** Who a bearer token stands for, or null if the request carries no token the workspace accepts. */
  private @Nullable String principal(LoggedRequest request) {
    final HttpHeader header = request.header("Authorization");
    if (!header.isPresent() || header.values().size() != 1
        || !header.firstValue().startsWith("Bearer ")) {
      return null;
    }
    final String token = header.firstValue().substring("Bearer ".length());
    if (personalAccessToken != null && constantTimeEquals(personalAccessToken, token)) {
      return TOKEN_USER;
    }
    final DatabricksState.AccessGrant grant = state.access(token, clock.instant());
    return grant == null ? null : grant.principal();
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  // ---- the REST API

  private Reply route(LoggedRequest request, HttpUrl url, String principal) {
    final List<String> path = url.pathSegments();
    final RequestMethod method = request.getMethod();
    if (path.size() >= 4 && path.get(0).equals("api") && path.get(1).equals("2.0")) {
      final String api = path.get(2) + "/" + path.get(3);
      if (path.size() == 4 && api.equals("database/instances") && RequestMethod.GET.equals(method)) {
        return listInstances(request);
      }
      if (path.size() == 5 && api.equals("database/instances") && RequestMethod.GET.equals(method)) {
        return instance(path.get(4));
      }
      if (path.size() == 4 && api.equals("database/credentials") && RequestMethod.POST.equals(method)) {
        return generateDatabaseCredential(request, principal);
      }
      if (path.size() == 4 && api.equals("postgres/credentials") && RequestMethod.POST.equals(method)) {
        return generatePostgresCredential(request, principal);
      }
    }
    // the wording of Databricks' answer to an unknown path or method is UNCONFIRMED
    return error(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method.getName() + " "
        + url.encodedPath() + "'");
  }

  private Reply listInstances(LoggedRequest request) {
    final List<DatabaseInstance> all = state.instances();
    int pageSize = DEFAULT_PAGE_SIZE;
    final QueryParameter sizeParameter = request.queryParameter("page_size");
    if (sizeParameter.isPresent()) {
      final Integer asked = integer(sizeParameter.firstValue());
      if (asked == null || asked < 0 || asked > MAX_PAGE_SIZE) {
        return error(400, "INVALID_PARAMETER_VALUE",
            "page_size must be an integer from 0 to " + MAX_PAGE_SIZE + ".");
      }
      pageSize = asked == 0 ? DEFAULT_PAGE_SIZE : asked;
    }
    int offset = 0;
    final QueryParameter tokenParameter = request.queryParameter("page_token");
    if (tokenParameter.isPresent() && !tokenParameter.firstValue().isEmpty()) {
      final Integer decoded = pageOffset(tokenParameter.firstValue());
      if (decoded == null || decoded > all.size()) {
        return error(400, "INVALID_PARAMETER_VALUE", "The page token is invalid.");
      }
      offset = decoded;
    }
    final ObjectNode body = NODES.objectNode();
    final int end = Math.min(all.size(), offset + pageSize);
    if (end > offset) {
      // proto3 JSON leaves out an empty list, and the token of a last page
      final ArrayNode items = body.putArray("database_instances");
      all.subList(offset, end).forEach(i -> items.add(i.toJson()));
    }
    if (end < all.size()) {
      body.put("next_page_token", BASE64URL.encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
    }
    return Reply.ok(body);
  }

  private static @Nullable Integer pageOffset(String token) {
    if (!PAGE_TOKEN.matcher(token).matches()) {
      return null;
    }
    try {
      final String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return text.startsWith("offset:") ? integer(text.substring("offset:".length())) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable Integer integer(String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Reply instance(String name) {
    final DatabaseInstance instance = state.instance(name);
    return instance == null ? instanceNotFound(name) : Reply.ok(instance.toJson());
  }

  private static Reply instanceNotFound(String name) {
    // the exact message is UNCONFIRMED; the code is one the SDK maps to NotFound
    return error(404, "RESOURCE_DOES_NOT_EXIST", "Database instance '" + name + "' does not exist.");
  }

  private Reply generateDatabaseCredential(LoggedRequest request, String principal) {
    final JsonNode body = jsonBody(request);
    if (body == null) {
      return malformed();
    }
    final List<String> instanceNames = new ArrayList<>();
    final JsonNode names = body.get("instance_names");
    if (names != null && !names.isNull()) {
      if (!names.isArray()) {
        return error(400, "INVALID_PARAMETER_VALUE", "instance_names must be a list of instance names.");
      }
      for (JsonNode name : names) {
        if (!name.isTextual()) {
          return error(400, "INVALID_PARAMETER_VALUE", "instance_names must be a list of instance names.");
        }
        instanceNames.add(name.asText());
      }
    }
    final Reply badClaims = checkClaims(body.get("claims"));
    if (badClaims != null) {
      return badClaims;
    }
    if (instanceNames.isEmpty() && body.path("claims").size() == 0) {
      return error(400, "INVALID_PARAMETER_VALUE",
          "At least one of instance_names or claims must be specified.");
    }
    for (String name : instanceNames) {
      if (state.instance(name) == null) {
        return instanceNotFound(name);
      }
    }
    final String requestId = body.path("request_id").isTextual() ? body.get("request_id").asText() : null;
    IssuedCredential credential = requestId == null ? null : state.byRequestId(principal, requestId);
    if (credential == null) {
      final Instant now = clock.instant();
      final Instant expiresAt = now.plus(CREDENTIAL_LIFETIME);
      credential = new IssuedCredential(jwt(principal, String.join(",", instanceNames), now, expiresAt),
          null, instanceNames, principal, expiresAt, requestId);
      state.record(credential);
    }
    final ObjectNode response = NODES.objectNode();
    response.put("token", credential.token());
    response.put("expiration_time", timestamp(credential.expiresAt()));
    return Reply.ok(response);
  }

  private Reply generatePostgresCredential(LoggedRequest request, String principal) {
    final JsonNode body = jsonBody(request);
    if (body == null) {
      return malformed();
    }
    final JsonNode endpoint = body.get("endpoint");
    if (endpoint == null || !endpoint.isTextual() || endpoint.asText().isEmpty()) {
      return error(400, "INVALID_PARAMETER_VALUE", "endpoint is required.");
    }
    if (!PostgresCredentialRules.ENDPOINT.matcher(endpoint.asText()).matches()) {
      return error(400, "INVALID_PARAMETER_VALUE", "Invalid endpoint name '" + endpoint.asText()
          + "': expected projects/{project_id}/branches/{branch_id}/endpoints/{endpoint_id}.");
    }
    final Reply badClaims = checkClaims(body.get("claims"));
    if (badClaims != null) {
      return badClaims;
    }
    final JsonNode ttl = body.get("ttl");
    final JsonNode expireTime = body.get("expire_time");
    final Instant now = clock.instant();
    final Instant expiresAt;
    if (ttl != null && expireTime != null) {
      // the docs list both as required, the SDK as optional: taken as alternatives (UNCONFIRMED)
      return error(400, "INVALID_PARAMETER_VALUE", "Specify either ttl or expire_time, not both.");
    } else if (ttl != null) {
      final Duration duration = ttl.isTextual() ? ProtoDuration.parse(ttl.asText()) : null;
      if (duration == null) {
        return error(400, "INVALID_PARAMETER_VALUE", "ttl must be a duration such as \"900s\".");
      }
      if (!ProtoDuration.isCredentialLifetime(duration)) {
        return error(400, "INVALID_PARAMETER_VALUE",
            "ttl must be at least 300 seconds (5 minutes) and at most 3600 seconds (1 hour).");
      }
      expiresAt = now.plus(duration);
    } else if (expireTime != null) {
      final Instant requested;
      try {
        requested = OffsetDateTime.parse(expireTime.asText()).toInstant();
      } catch (DateTimeParseException e) {
        return error(400, "INVALID_PARAMETER_VALUE", "expire_time must be an RFC 3339 timestamp.");
      }
      if (!ProtoDuration.isCredentialLifetime(Duration.between(now, requested))) {
        return error(400, "INVALID_PARAMETER_VALUE",
            "expire_time must be at least 300 seconds (5 minutes) and at most 1 hour from now.");
      }
      expiresAt = requested;
    } else {
      expiresAt = now.plus(CREDENTIAL_LIFETIME);
    }
    if (!state.hasEndpoint(endpoint.asText())) {
      // the code and message for an unknown endpoint are UNCONFIRMED
      return error(404, "NOT_FOUND", "Endpoint '" + endpoint.asText() + "' does not exist.");
    }
    final IssuedCredential credential = new IssuedCredential(
        jwt(principal, endpoint.asText(), now, expiresAt), endpoint.asText(), List.of(), principal,
        expiresAt, null);
    state.record(credential);
    final ObjectNode response = NODES.objectNode();
    response.put("token", credential.token());
    response.put("expire_time", timestamp(expiresAt));
    return Reply.ok(response);
  }

  /** {@code claims}, if given: a list of {@code {permission_set: READ_ONLY, resources: [...]}}. */
  private static @Nullable Reply checkClaims(@Nullable JsonNode claims) {
    if (claims == null || claims.isNull()) {
      return null;
    }
    if (!claims.isArray()) {
      return error(400, "INVALID_PARAMETER_VALUE", "claims must be a list of requested claims.");
    }
    for (JsonNode claim : claims) {
      if (!claim.isObject()) {
        return error(400, "INVALID_PARAMETER_VALUE", "claims must be a list of requested claims.");
      }
      final JsonNode permissionSet = claim.get("permission_set");
      if (permissionSet != null && !"READ_ONLY".equals(permissionSet.asText())) {
        return error(400, "INVALID_PARAMETER_VALUE", "permission_set must be READ_ONLY.");
      }
      final JsonNode resources = claim.get("resources");
      if (resources != null && !resources.isArray()) {
        return error(400, "INVALID_PARAMETER_VALUE", "resources must be a list of requested resources.");
      }
    }
    return null;
  }

  private static @Nullable JsonNode jsonBody(LoggedRequest request) {
    try {
      final JsonNode body = JSON.readTree(request.getBodyAsString());
      return body != null && body.isObject() ? body : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Reply malformed() {
    // Databricks' code for an unreadable body is UNCONFIRMED; MALFORMED_REQUEST is one of its codes
    return error(400, "MALFORMED_REQUEST", "Invalid JSON given in the body of the request.");
  }

  /** A token shaped like the JWTs Databricks issues (header, claims, signature); not signed. */
  private String jwt(@Nullable String subject, String audience, Instant issuedAt, Instant expiresAt) {
    final ObjectNode header = NODES.objectNode();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", "credql-simulator");
    final ObjectNode claims = NODES.objectNode();
    claims.put("iss", "credql-simulator");
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    final byte[] signature = new byte[32];
    random.nextBytes(signature);
    return BASE64URL.encodeToString(JsonBody.of(header)) + "." + BASE64URL.encodeToString(JsonBody.of(claims))
        + "." + BASE64URL.encodeToString(signature);
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static Reply error(int status, String code, String message) {
    final ObjectNode body = NODES.objectNode();
    body.put("error_code", code);
    body.put("message", message);
    final ObjectNode requestInfo = body.putArray("details").addObject();
    requestInfo.put("@type", "type.googleapis.com/google.rpc.RequestInfo");
    requestInfo.put("request_id", UUID.randomUUID().toString());
    requestInfo.put("serving_data", "");
    return new Reply(status, body, Map.of());
  }

  private static Reply oauthError(int status, String error, String description) {
    return new Reply(status, oauthBody(error, description), Map.of());
  }

  private static ObjectNode oauthBody(String error, String description) {
    final ObjectNode body = NODES.objectNode();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }

  private static ResponseDefinition respond(Reply reply) {
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Cache-Control", "no-store");
    headers.putAll(reply.headers());
    final ResponseDefinitionBuilder response = new ResponseDefinitionBuilder()
        .withStatus(reply.status())
        .withBody(JsonBody.of(reply.body()));
    headers.forEach(response::withHeader);
    return response.build();
  }
}
