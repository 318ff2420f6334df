package io.credql.azure;

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
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to the simulated Entra ID tenant and Azure
 * Resource Manager from the simulator's state.
 *
 * <p>Entra ID: {@code POST /{tenant}/oauth2/v2.0/token} issues tokens for the registered
 * application's client secret and the {@code https://management.azure.com/.default} scope (errors
 * {@code {error, error_description, error_codes}}), and the discovery documents MSAL may ask for.
 * ARM: every request needs {@code Authorization: Bearer} with an unexpired issued token and the
 * api-version of its resource provider; then flexible servers are listed (in pages joined by an
 * OData {@code nextLink}), read, and updated with PATCH, which answers 202 with
 * {@code Azure-AsyncOperation} and {@code Location} to poll. Errors are ARM's
 * {@code {"error": {"code", "message"}}}.
 */
final class AzureApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "azure-api";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Reply(int status, @Nullable JsonNode body, Map<String, String> headers) {
    Reply(int status, @Nullable JsonNode body) {
      this(status, body, Map.of());
    }
  }

  private final FlexibleServersState state;
  private final AzureApplication application;
  private final int pageSize;
  private final int retryAfterSeconds;
  private final Clock clock;
  private final IssuedBearerTokens tokens;

  AzureApiTransformer(FlexibleServersState state, AzureApplication application, Duration tokenLifetime,
      int pageSize, int retryAfterSeconds, Clock clock) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.application = requireNonNull(application, "application");
    this.tokens = new IssuedBearerTokens(tokenLifetime, clock);
    this.pageSize = pageSize;
    this.retryAfterSeconds = retryAfterSeconds;
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final HttpUrl url = HttpUrl.parse(request.getAbsoluteUrl());
    if (url == null) {
      return respond(armError(400, "InvalidRequestUri", "The request URL is malformed."));
    }
    final List<String> path = url.pathSegments();
    if (!path.get(0).equalsIgnoreCase("subscriptions")) {
      // Entra ID echoes the client's correlation ID, which MSAL compares
      final Reply reply = entraId(request, url, path);
      if (!request.containsHeader("client-request-id")) {
        return respond(reply);
      }
      final Map<String, String> headers = new LinkedHashMap<>(reply.headers());
      headers.put("client-request-id", request.getHeader("client-request-id"));
      return respond(new Reply(reply.status(), reply.body(), headers));
    }
    final IssuedBearerTokens.Status status = tokens.check(
        request.containsHeader("Authorization") ? request.getHeader("Authorization") : null);
    if (status == IssuedBearerTokens.Status.MISSING) {
      return respond(new Reply(401, armBody("AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing."),
          Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\"")));
    }
    if (status != IssuedBearerTokens.Status.VALID) {
      final boolean expired = status == IssuedBearerTokens.Status.EXPIRED;
      return respond(new Reply(401, armBody(expired ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
          expired ? "The access token expiry UTC time is earlier than current UTC time." : "The access token is invalid."),
          Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\"")));
    }
    return respond(arm(request, url, path));
  }

  // ---- Entra ID

  private Reply entraId(LoggedRequest request, HttpUrl url, List<String> path) {
    if (path.size() == 3 && path.get(1).equals("discovery") && path.get(2).equals("instance")) {
      final ObjectNode body = NODES.objectNode();
      body.put("tenant_discovery_endpoint", base(url) + "/" + path.get(0) + "/v2.0/.well-known/openid-configuration");
      body.put("api-version", "1.1");
      final ObjectNode entry = body.putArray("metadata").addObject();
      entry.put("preferred_network", url.host() + ":" + url.port());
      entry.put("preferred_cache", url.host() + ":" + url.port());
      entry.putArray("aliases").add(url.host() + ":" + url.port());
      return new Reply(200, body);
    }
    if (path.size() == 4 && path.get(1).equals("v2.0") && path.get(3).equals("openid-configuration")) {
      final String tenantUrl = base(url) + "/" + path.get(0);
      final ObjectNode body = NODES.objectNode();
      body.put("token_endpoint", tenantUrl + "/oauth2/v2.0/token");
      body.put("authorization_endpoint", tenantUrl + "/oauth2/v2.0/authorize");
      body.put("issuer", tenantUrl + "/v2.0");
      body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
      return new Reply(200, body);
    }
    if (path.size() == 4 && path.get(1).equals("oauth2") && path.get(2).equals("v2.0") && path.get(3).equals("token")) {
      return token(request, path.get(0));
    }
    return oauthError(404, "invalid_request", "AADSTS90002: The endpoint " + url.encodedPath() + " does not exist.", 90002);
  }

  private Reply token(LoggedRequest request, String tenant) {
    if (!RequestMethod.POST.equals(request.getMethod())) {
      return oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.", 900561);
    }
    if (!tenant.equalsIgnoreCase(application.tenantId())) {
      return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.", 90002);
    }
    final Map<String, String> form = UrlEncodedForm.parse(request.getBodyAsString());
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.", 70003);
    }
    if (!application.clientId().equals(form.get("client_id"))) {
      return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '"
          + form.get("client_id") + "' was not found in the directory.", 700016);
    }
    if (!application.clientSecret().equals(form.get("client_secret"))) {
      return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the"
          + " secret being sent in the request is the client secret value, not the client secret ID.", 7000215);
    }
    final String scope = form.getOrDefault("scope", "");
    if (!Arrays.asList(scope.split(" ")).contains(AzureDefaultAuthScheme.MANAGEMENT_SCOPE)) {
      return oauthError(400, "invalid_scope", "AADSTS1002012: The provided value for scope '" + scope
          + "' is not valid. Client credential flows must have a scope value with /.default suffixed"
          + " to the resource identifier.", 1002012);
    }
    final String token = tokens.issue("eyJ0eXAiOiJKV1QiLCJzaW0iOnRydWV9.");
    final ObjectNode body = NODES.objectNode();
    body.put("token_type", "Bearer");
    body.put("expires_in", tokens.lifetime().getSeconds());
    body.put("ext_expires_in", tokens.lifetime().getSeconds());
    body.put("access_token", token);
    return new Reply(200, body);
  }

  // ---- Azure Resource Manager

  private Reply arm(LoggedRequest request, HttpUrl url, List<String> path) {
    if (path.size() < 2 || !path.get(1).equalsIgnoreCase(state.subscriptionId())) {
      return armError(404, "SubscriptionNotFound", "The subscription '" + (path.size() < 2 ? "" : path.get(1))
          + "' could not be found.");
    }
    final String resourceGroup;
    final int providers;
    if (path.size() > 3 && path.get(2).equalsIgnoreCase("resourceGroups")) {
      resourceGroup = path.get(3);
      providers = 4;
      if (!state.hasResourceGroup(resourceGroup)) {
        return armError(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
      }
    } else {
      resourceGroup = null;
      providers = 2;
    }
    if (path.size() < providers + 3 || !path.get(providers).equalsIgnoreCase("providers")) {
      return notFound(url);
    }
    final FlexibleServerEngine engine = FlexibleServerEngine.ofNamespace(path.get(providers + 1));
    if (engine == null) {
      return armError(400, "InvalidResourceNamespace", "The resource namespace '" + path.get(providers + 1)
          + "' is invalid.");
    }
    final String apiVersion = url.queryParameter("api-version");
    if (apiVersion == null) {
      return armError(400, "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (!apiVersion.equals(engine.apiVersion())) {
      return armError(400, "InvalidApiVersionParameter", "The api-version '" + apiVersion
          + "' is invalid. The supported versions are '" + engine.apiVersion() + "'.");
    }
    final List<String> rest = path.subList(providers + 2, path.size());
    final RequestMethod method = request.getMethod();
    if (resourceGroup == null && rest.size() == 4 && rest.get(0).equalsIgnoreCase("locations")
        && method.equals(RequestMethod.GET)) {
      return pollOperation(url, engine, rest.get(2), rest.get(3));
    }
    if (!rest.get(0).equalsIgnoreCase("flexibleServers")) {
      return notFound(url);
    }
    if (rest.size() == 1 && method.equals(RequestMethod.GET)) {
      return list(url, engine, resourceGroup);
    }
    if (rest.size() == 2 && resourceGroup != null) {
      final FlexibleServer server = state.server(engine, resourceGroup, rest.get(1));
      if (server == null) {
        return armError(404, "ResourceNotFound", "The Resource '" + engine.namespace() + "/flexibleServers/"
            + rest.get(1) + "' under resource group '" + resourceGroup + "' was not found. For more"
            + " details please go to https://aka.ms/ARMResourceNotFoundFix");
      }
      if (method.equals(RequestMethod.GET)) {
        return new Reply(200, serverJson(server, url));
      }
      if (method.equals(RequestMethod.PATCH)) {
        return update(request, url, server);
      }
      return armError(405, "MethodNotAllowed", "The method " + method + " is not allowed here.");
    }
    return notFound(url);
  }

  private Reply list(HttpUrl url, FlexibleServerEngine engine, @Nullable String resourceGroup) {
    final List<FlexibleServer> servers = state.servers(engine, resourceGroup);
    int start = 0;
    final String skipToken = url.queryParameter("$skipToken");
    if (skipToken != null) {
      try {
        start = Integer.parseInt(skipToken);
      } catch (NumberFormatException e) {
        return armError(400, "InvalidSkipToken", "The skip token is invalid.");
      }
    }
    final ArrayNode value = NODES.arrayNode();
    for (int i = start; i < Math.min(servers.size(), start + pageSize); i++) {
      value.add(serverJson(servers.get(i), url));
    }
    final ObjectNode body = NODES.objectNode();
    body.set("value", value);
    if (start + pageSize < servers.size()) {
      body.put("nextLink", url.newBuilder().setQueryParameter("$skipToken", String.valueOf(start + pageSize))
          .build().toString());
    }
    return new Reply(200, body);
  }

  private Reply update(LoggedRequest request, HttpUrl url, FlexibleServer server) {
    final JsonNode body;
    try {
      body = JSON.readTree(request.getBodyAsString());
    } catch (Exception e) {
      return armError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
    }
    if (body == null || !body.isObject()) {
      return armError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
    }
    final JsonNode password = body.path("properties").get("administratorLoginPassword");
    if (password == null || !password.isTextual()) {
      return armError(400, "InvalidParameterValue",
          "This simulator changes properties.administratorLoginPassword only; the request sets none.");
    }
    final List<String> problems = AdministratorPasswordRules.violations(password.asText(), server.administratorLogin());
    if (!problems.isEmpty()) {
      return armError(400, "PasswordNotComplex", "The password does not meet the complexity requirements: "
          + String.join("; ", problems) + ".");
    }
    final FlexibleServersState.AsyncOperation operation =
        state.startPasswordChange(server, password.asText(), clock.instant());
    final String operations = base(url) + "/subscriptions/" + state.subscriptionId() + "/providers/"
        + server.engine().namespace() + "/locations/" + server.location() + "/";
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Azure-AsyncOperation", operations + "azureAsyncOperation/" + operation.id
        + "?api-version=" + server.engine().apiVersion());
    headers.put("Location", operations + "operationResults/" + operation.id + "?api-version="
        + server.engine().apiVersion());
    headers.put("Retry-After", String.valueOf(retryAfterSeconds));
    return new Reply(202, null, headers);
  }

  private Reply pollOperation(HttpUrl url, FlexibleServerEngine engine, String kind, String id) {
    final FlexibleServersState.AsyncOperation operation = state.poll(id, clock.instant());
    if (operation == null || operation.server.engine() != engine) {
      return armError(404, "OperationNotFound", "The operation '" + id + "' could not be found.");
    }
    if (kind.equalsIgnoreCase("operationResults")) {
      if (operation.endTime == null) {
        return new Reply(202, null, Map.of("Location", url.toString(), "Retry-After", String.valueOf(retryAfterSeconds)));
      }
      return operation.server.operations().fails()
          ? armError(500, operation.server.operations().failureCode(), operation.server.operations().failureMessage())
          : new Reply(200, serverJson(operation.server, url));
    }
    if (!kind.equalsIgnoreCase("azureAsyncOperation")) {
      return notFound(url);
    }
    final ObjectNode body = NODES.objectNode();
    body.put("name", operation.id);
    body.put("status", operation.status());
    body.put("startTime", operation.startTime.toString());
    if (operation.endTime != null) {
      body.put("endTime", operation.endTime.toString());
      if (operation.server.operations().fails()) {
        body.putObject("error").put("code", operation.server.operations().failureCode())
            .put("message", operation.server.operations().failureMessage());
      }
    }
    return new Reply(200, body, operation.endTime == null
        ? Map.of("Retry-After", String.valueOf(retryAfterSeconds)) : Map.of());
  }

  private ObjectNode serverJson(FlexibleServer server, HttpUrl url) {
    final ObjectNode node = NODES.objectNode();
    node.put("id", "/subscriptions/" + state.subscriptionId() + "/resourceGroups/" + server.resourceGroup()
        + "/providers/" + server.engine().namespace() + "/flexibleServers/" + server.name());
    node.put("name", server.name());
    node.put("type", server.engine().namespace() + "/flexibleServers");
    node.put("location", server.location());
    node.putObject("tags").put("env", server.resourceGroup().replace("rg-", ""));
    node.putObject("sku").put("name", server.skuName()).put("tier", server.tier());
    final ObjectNode properties = node.putObject("properties");
    properties.put("administratorLogin", server.administratorLogin());
    properties.put("version", server.version());
    properties.put("state", "Ready");
    properties.put("fullyQualifiedDomainName", server.name() + "." + server.engine().domain());
    properties.putObject("storage").put("storageSizeGB", 128);
    properties.put("availabilityZone", "1");
    properties.put("replicationRole", "Primary");
    return node;
  }

  private static String base(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  private static Reply notFound(HttpUrl url) {
    return armError(404, "NotFound", "The resource path " + url.encodedPath() + " was not found.");
  }

  private static ObjectNode armBody(String code, String message) {
    final ObjectNode body = NODES.objectNode();
    body.putObject("error").put("code", code).put("message", message);
    return body;
  }

  private static Reply armError(int status, @Nullable String code, @Nullable String message) {
    return new Reply(status, armBody(String.valueOf(code), String.valueOf(message)));
  }

  private Reply oauthError(int status, String error, String description, int code) {
    final ObjectNode body = NODES.objectNode();
    body.put("error", error);
    body.put("error_description", description + "\r\nTrace ID: sim\r\nCorrelation ID: sim\r\nTimestamp: " + clock.instant());
    body.putArray("error_codes").add(code);
    body.put("timestamp", clock.instant().toString());
    body.put("trace_id", "00000000-0000-0000-0000-000000000000");
    body.put("correlation_id", "00000000-0000-0000-0000-000000000000");
    return new Reply(status, body);
  }

  private static ResponseDefinition respond(Reply reply) {
    final ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(reply.status());
    reply.headers().forEach(response::withHeader);
    if (reply.body() != null) {
      response.withHeader("Content-Type", "application/json; charset=utf-8").withBody(JsonBody.of(reply.body()));
    }
    return response.build();
  }
}
