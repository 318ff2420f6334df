package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.sandbox.IssuedBearerTokens;
import io.credql.sandbox.JsonBody;
import io.credql.sandbox.SimulatedApiTransformer;
import io.credql.sandbox.UrlEncodedForm;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to the simulated Cloud SQL Admin API and its
 * token endpoint from the simulator's state.
 *
 * <p>{@code POST /token} takes the JWT bearer grant (RFC 7523) and issues an access token when
 * {@link JwtAssertionVerifier} accepts the assertion; refusals are OAuth's
 * {@code {error, error_description}}. Every other request needs {@code Authorization: Bearer}
 * with an unexpired issued token. Then: instances (listed in pages of {@code maxResults} with
 * {@code nextPageToken}), users (list, get, and {@code PUT ...users?name=&host=} which answers an
 * {@code Operation}), and operations (get, which advances them, and list). Errors are Google's
 * {@code {"error": {"code", "message", "status", "errors"}}}.
 */
final class CloudSqlApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "cloudsql-api";
  /** Where the simulator issues tokens; the key file's {@code token_uri} points here. */
  static final String TOKEN_PATH = "/token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Reply(int status, JsonNode body) {
  }

  private final CloudSqlState state;
  private final JwtAssertionVerifier verifier;
  private final String clientEmail;
  private final int pageSize;
  private final Clock clock;
  private final IssuedBearerTokens tokens;

  CloudSqlApiTransformer(CloudSqlState state, JwtAssertionVerifier verifier, String clientEmail,
      Duration tokenLifetime, int pageSize, Clock clock) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.verifier = requireNonNull(verifier, "verifier");
    this.clientEmail = requireNonNull(clientEmail, "clientEmail");
    this.tokens = new IssuedBearerTokens(tokenLifetime, clock);
    this.pageSize = pageSize;
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final HttpUrl url = HttpUrl.parse(request.getAbsoluteUrl());
    if (url == null) {
      return respond(error(400, "INVALID_ARGUMENT", "The request URL is malformed."));
    }
    if (url.encodedPath().equals(TOKEN_PATH)) {
      return respond(token(request, url));
    }
    if (!authorized(request)) {
      return respond(error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
          + " Expected OAuth 2 access token, login cookie or other valid authentication credential."));
    }
    return respond(route(request, url));
  }

  // ---- OAuth

  private Reply token(LoggedRequest request, HttpUrl url) {
    if (!RequestMethod.POST.equals(request.getMethod())) {
      return oauthError(405, "invalid_request", "The token endpoint accepts POST only.");
    }
    final Map<String, String> form = UrlEncodedForm.parse(request.getBodyAsString());
    if (!ServiceAccountAuthScheme.JWT_BEARER_GRANT.equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
    }
    final String assertion = form.get("assertion");
    if (assertion == null || assertion.isEmpty()) {
      return oauthError(400, "invalid_request", "Missing required parameter: assertion");
    }
    final String audience = url.newBuilder().query(null).build().toString();
    final String refusal = verifier.refusal(assertion, audience, clock.instant());
    if (refusal != null) {
      return oauthError(400, "invalid_grant", refusal);
    }
    final ObjectNode body = NODES.objectNode();
    body.put("access_token", tokens.issue("ya29.sim-"));
    body.put("expires_in", tokens.lifetime().getSeconds() - 1);
    body.put("token_type", "Bearer");
    return new Reply(200, body);
  }

  private boolean authorized(LoggedRequest request) {
    return tokens.check(request.containsHeader("Authorization") ? request.getHeader("Authorization") : null)
        == IssuedBearerTokens.Status.VALID;
  }

  // ---- Cloud SQL Admin

  private Reply route(LoggedRequest request, HttpUrl url) {
    final List<String> path = url.pathSegments();
    final RequestMethod method = request.getMethod();
    if (path.size() < 3 || !path.get(0).equals("v1") || !path.get(1).equals("projects")) {
      return notFound(url);
    }
    if (!path.get(2).equals(state.project())) {
      return error(403, "PERMISSION_DENIED", "The client is not authorized to make this request.");
    }
    if (path.size() == 4 && path.get(3).equals("instances") && method.equals(RequestMethod.GET)) {
      return listInstances(url);
    }
    if (path.size() >= 5 && path.get(3).equals("instances")) {
      final CloudSqlInstance instance = state.instance(path.get(4));
      if (instance == null) {
        return error(404, "NOT_FOUND", "The Cloud SQL instance does not exist.");
      }
      if (path.size() == 5 && method.equals(RequestMethod.GET)) {
        return new Reply(200, instanceJson(instance, url));
      }
      if (path.size() == 6 && path.get(5).equals("users") && method.equals(RequestMethod.GET)) {
        final ArrayNode items = NODES.arrayNode();
        state.users(instance.name()).forEach(u -> items.add(userJson(instance, u)));
        final ObjectNode body = NODES.objectNode().put("kind", "sql#usersList");
        body.set("items", items);
        return new Reply(200, body);
      }
      if (path.size() == 6 && path.get(5).equals("users") && method.equals(RequestMethod.PUT)) {
        return updateUser(request, url, instance);
      }
      if (path.size() == 7 && path.get(5).equals("users") && method.equals(RequestMethod.GET)) {
        final CloudSqlState.DbUser user = state.user(instance.name(), path.get(6), url.queryParameter("host"));
        return user == null ? error(404, "NOT_FOUND", "The Cloud SQL user does not exist.")
            : new Reply(200, userJson(instance, user));
      }
    }
    if (path.size() == 4 && path.get(3).equals("operations") && method.equals(RequestMethod.GET)) {
      final ArrayNode items = NODES.arrayNode();
      state.operations(url.queryParameter("instance")).forEach(o -> items.add(operationJson(o, url)));
      final ObjectNode body = NODES.objectNode().put("kind", "sql#operationsList");
      body.set("items", items);
      return new Reply(200, body);
    }
    if (path.size() == 5 && path.get(3).equals("operations") && method.equals(RequestMethod.GET)) {
      final CloudSqlState.Operation operation = state.poll(path.get(4), clock.instant());
      return operation == null
          ? error(404, "NOT_FOUND", "The Cloud SQL instance operation does not exist.")
          : new Reply(200, operationJson(operation, url));
    }
    return notFound(url);
  }

  private Reply listInstances(HttpUrl url) {
    final List<CloudSqlInstance> all = state.instances();
    int size = pageSize;
    final String maxResults = url.queryParameter("maxResults");
    if (maxResults != null) {
      try {
        size = Math.max(1, Math.min(500, Integer.parseInt(maxResults)));
      } catch (NumberFormatException e) {
        return error(400, "INVALID_ARGUMENT", "Invalid value at 'max_results' (TYPE_UINT32), \""
            + maxResults + "\"");
      }
    }
    int start = 0;
    final String pageToken = url.queryParameter("pageToken");
    if (pageToken != null && !pageToken.isEmpty()) {
      try {
        start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return error(400, "INVALID_ARGUMENT", "Invalid page token.");
      }
    }
    final ArrayNode items = NODES.arrayNode();
    for (int i = start; i < Math.min(all.size(), start + size); i++) {
      items.add(instanceJson(all.get(i), url));
    }
    final ObjectNode body = NODES.objectNode().put("kind", "sql#instancesList");
    body.set("items", items);
    if (start + size < all.size()) {
      body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(start + size).getBytes(StandardCharsets.UTF_8)));
    }
    return new Reply(200, body);
  }

  private Reply updateUser(LoggedRequest request, HttpUrl url, CloudSqlInstance instance) {
    final String name = url.queryParameter("name");
    if (name == null || name.isEmpty()) {
      return error(400, "INVALID_ARGUMENT", "Missing parameter: name.");
    }
    final JsonNode body;
    try {
      body = JSON.readTree(request.getBodyAsString());
    } catch (Exception e) {
      return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    if (body == null || !body.isObject()) {
      return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Expected an object.");
    }
    final String host = url.queryParameter("host");
    if (instance.isMySql() && host == null) {
      return error(400, "INVALID_ARGUMENT", "Missing parameter: host (MySQL users are identified by"
          + " name and host).");
    }
    final CloudSqlState.DbUser user = state.user(instance.name(), name, instance.isMySql() ? host : null);
    if (user == null) {
      return error(404, "NOT_FOUND", "The Cloud SQL user does not exist.");
    }
    final JsonNode password = body.get("password");
    if (password != null) {
      final List<String> problems = instance.passwordPolicy().violations(password.asText(""), name);
      if (!problems.isEmpty()) {
        return error(400, "INVALID_ARGUMENT", "Password does not meet the password policy: "
            + String.join("; ", problems) + ".");
      }
    }
    final String newPassword = password == null ? null : password.asText();
    final CloudSqlState.Operation operation = state.start("UPDATE_USER", instance, clientEmail,
        clock.instant(), () -> {
          if (newPassword != null) {
            synchronized (state) {
              user.password = newPassword;
              user.passwordChanges++;
            }
          }
        });
    return new Reply(200, operationJson(operation, url));
  }

  // ---- JSON

  private ObjectNode instanceJson(CloudSqlInstance instance, HttpUrl url) {
    final ObjectNode node = NODES.objectNode();
    node.put("kind", "sql#instance");
    node.put("name", instance.name());
    node.put("project", state.project());
    node.put("connectionName", state.project() + ":" + instance.region() + ":" + instance.name());
    node.put("databaseVersion", instance.databaseVersion());
    node.put("region", instance.region());
    node.put("gceZone", instance.region() + "-b");
    node.put("state", instance.state());
    node.put("instanceType", "CLOUD_SQL_INSTANCE");
    node.put("backendType", "SECOND_GEN");
    final ArrayNode ips = node.putArray("ipAddresses");
    ips.addObject().put("type", "PRIMARY").put("ipAddress", "203.0.113." + (10 + Math.abs(instance.name().hashCode() % 200)));
    final ObjectNode settings = node.putObject("settings");
    settings.put("tier", "db-custom-2-8192");
    settings.put("activationPolicy", "ALWAYS");
    final JsonNode policy = instance.passwordPolicy().toJson();
    if (policy != null) {
      settings.set("passwordValidationPolicy", policy);
    }
    node.put("selfLink", base(url) + "/v1/projects/" + state.project() + "/instances/" + instance.name());
    return node;
  }

  private ObjectNode userJson(CloudSqlInstance instance, CloudSqlState.DbUser user) {
    final ObjectNode node = NODES.objectNode();
    node.put("kind", "sql#user");
    node.put("name", user.name);
    if (instance.isMySql()) {
      node.put("host", user.host);
    }
    node.put("instance", instance.name());
    node.put("project", state.project());
    node.put("type", "BUILT_IN");
    return node;
  }

  private ObjectNode operationJson(CloudSqlState.Operation operation, HttpUrl url) {
    final ObjectNode node = NODES.objectNode();
    node.put("kind", "sql#operation");
    node.put("name", operation.name);
    node.put("status", operation.status());
    node.put("operationType", operation.type);
    node.put("targetId", operation.instance);
    node.put("targetProject", state.project());
    node.put("targetLink", base(url) + "/v1/projects/" + state.project() + "/instances/" + operation.instance);
    node.put("user", operation.user);
    node.put("insertTime", operation.insertTime.toString());
    if (operation.endTime != null) {
      node.put("endTime", operation.endTime.toString());
      if (operation.behaviour.fails()) {
        final ObjectNode error = node.putObject("error");
        error.put("kind", "sql#operationErrors");
        error.putArray("errors").addObject().put("kind", "sql#operationError")
            .put("code", operation.behaviour.failureCode())
            .put("message", operation.behaviour.failureMessage());
      }
    }
    node.put("selfLink", base(url) + "/v1/projects/" + state.project() + "/operations/" + operation.name);
    return node;
  }

  private static String base(HttpUrl url) {
    return url.newBuilder().encodedPath("/").query(null).build().toString().replaceAll("/$", "");
  }

  private static Reply notFound(HttpUrl url) {
    return error(404, "NOT_FOUND", "The requested URL " + url.encodedPath() + " was not found on this server.");
  }

  private static Reply error(int code, String status, String message) {
    final ObjectNode body = NODES.objectNode();
    final ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    error.putArray("errors").addObject().put("message", message).put("domain", "global")
        .put("reason", status.toLowerCase(java.util.Locale.ROOT));
    return new Reply(code, body);
  }

  private static Reply oauthError(int status, String error, String description) {
    return new Reply(status, NODES.objectNode().put("error", error).put("error_description", description));
  }

  private static ResponseDefinition respond(Reply reply) {
    return new ResponseDefinitionBuilder().withStatus(reply.status())
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(JsonBody.of(reply.body())).build();
  }
}
