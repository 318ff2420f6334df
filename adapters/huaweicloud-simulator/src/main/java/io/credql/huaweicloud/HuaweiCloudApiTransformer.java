package io.credql.huaweicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.sandbox.JsonBody;
import io.credql.sandbox.SimulatedApiTransformer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension answering every request to the simulator, as Huawei Cloud's gateway and
 * the GaussDB and RDS services do, in this order: the route (unknown: 404 {@code APIGW.0101}),
 * the AK/SK signature (401 {@code APIGW.0301}), the project, the instance (404
 * {@code DBS.200002}), the request body, the instance's status (400 {@code DBS.200086}) and the
 * password rules, with the codes of provider-apis §5.5 and §6.4. Successful resets answer 200 {@code {}}.
 *
 * <p>GaussDB is served under {@code /gaussdb}, RDS under {@code /rds}.
 */
final class HuaweiCloudApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "huaweicloud-api";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  /** A GaussDB account name: letters, digits and underscores, at most 63 (as for account creation). */
  private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
  /**
   * Passwords GaussDB's weak-password check refuses although they follow the rules. Huawei does
   * not publish its list; these are common examples, so the simulator shows that the provider
   * has the last word even when every documented rule is kept.
   */
  static final Set<String> KNOWN_WEAK_PASSWORDS = Set.of("Admin@123", "Huawei@123", "Passw0rd!", "Password@123",
      "Gauss@123", "Root@1234");

  /** The operations simulated. */
  private enum Operation {
    GAUSSDB_LIST_INSTANCES, GAUSSDB_LIST_DB_USERS, GAUSSDB_RESET_DB_USER_PASSWORD,
    RDS_LIST_INSTANCES, RDS_RESET_ROOT_PASSWORD
  }

  /** A request matched to an operation, with its path values. */
  private record Route(Operation operation, String projectId, @Nullable String instanceId) {
  }

  /** A response, before the headers every response carries. */
  private record Reply(int status, JsonNode body) {
  }

  private final HuaweiCloudState state;
  private final SignatureVerifier verifier;

  HuaweiCloudApiTransformer(HuaweiCloudState state, SignatureVerifier verifier) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.verifier = requireNonNull(verifier, "verifier");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final String requestId = UUID.randomUUID().toString().replace("-", "");
    final Route route = route(request);
    if (route == null) {
      return respond(gatewayError(404, "APIGW.0101",
          "The API does not exist or has not been published in the environment", requestId), requestId);
    }
    final String refusal = verifier.refusal(request);
    if (refusal != null) {
      return respond(gatewayError(401, "APIGW.0301", refusal, requestId), requestId);
    }
    if (!state.projectId().equals(route.projectId())) {
      return respond(error(403, "DBS.200010",
          "The DB instance ID or user ID may be null, or the operation is not authorized."), requestId);
    }
    return respond(answer(route, request), requestId);
  }

  private static @Nullable Route route(LoggedRequest request) {
    final String url = request.getUrl();
    final int question = url.indexOf('?');
    final String[] raw = (question < 0 ? url : url.substring(0, question)).replaceFirst("^/+", "").split("/", -1);
    final String[] segments = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      segments[i] = SdkHmacSha256Signer.percentDecode(raw[i], false);
    }
    if (segments.length < 4 || !"v3".equals(segments[1]) || segments[2].isEmpty()
        || !"instances".equals(segments[3])) {
      return null;
    }
    final RequestMethod method = request.getMethod();
    final String service = segments[0];
    final String project = segments[2];
    if (segments.length == 4) {
      if (!RequestMethod.GET.equals(method)) {
        return null;
      }
      return "gaussdb".equals(service) ? new Route(Operation.GAUSSDB_LIST_INSTANCES, project, null)
          : "rds".equals(service) ? new Route(Operation.RDS_LIST_INSTANCES, project, null) : null;
    }
    final String instance = segments[4];
    if (instance.isEmpty()) {
      return null;
    }
    if ("gaussdb".equals(service)) {
      if (segments.length == 6 && "db-users".equals(segments[5]) && RequestMethod.GET.equals(method)) {
        return new Route(Operation.GAUSSDB_LIST_DB_USERS, project, instance);
      }
      if (segments.length == 7 && "db-user".equals(segments[5]) && "password".equals(segments[6])
          && RequestMethod.PUT.equals(method)) {
        return new Route(Operation.GAUSSDB_RESET_DB_USER_PASSWORD, project, instance);
      }
    }
    if ("rds".equals(service) && segments.length == 6 && "password".equals(segments[5])
        && RequestMethod.POST.equals(method)) {
      return new Route(Operation.RDS_RESET_ROOT_PASSWORD, project, instance);
    }
    return null;
  }

  private Reply answer(Route route, LoggedRequest request) {
    switch (route.operation()) {
    case GAUSSDB_LIST_INSTANCES:
      return listGaussDbInstances(request);
    case GAUSSDB_LIST_DB_USERS:
      return listDbUsers(request, requireNonNull(route.instanceId()));
    case GAUSSDB_RESET_DB_USER_PASSWORD:
      return resetDbUserPassword(request, requireNonNull(route.instanceId()));
    case RDS_LIST_INSTANCES:
      return listRdsInstances(request);
    default:
      return resetRootPassword(request, requireNonNull(route.instanceId()));
    }
  }

  private Reply listGaussDbInstances(LoggedRequest request) {
    final List<ObjectNode> items = state.gaussDbInstances().stream().filter(listingFilter(request))
        .map(i -> i.toJson(state.region())).toList();
    return page(request, "instances", items, 100);
  }

  private Reply listRdsInstances(LoggedRequest request) {
    Predicate<RdsInstance> filter = listingFilter(request);
    final String datastoreType = query(request, "datastore_type");
    if (datastoreType != null) {
      filter = filter.and(i -> i.engine().apiName().equals(datastoreType));
    }
    final List<ObjectNode> items = state.rdsInstances().stream().filter(filter)
        .map(i -> i.toJson(state.region())).toList();
    return page(request, "instances", items, 100);
  }

  private Reply listDbUsers(LoggedRequest request, String instanceId) {
    final GaussDbInstance instance = state.gaussDbInstance(instanceId);
    if (instance == null) {
      return instanceNotFound();
    }
    final List<ObjectNode> users = instance.accounts().stream().map(HuaweiCloudApiTransformer::user).toList();
    // the API documents 10 as the default page size of this listing (100 for instances)
    return page(request, "users", users, 10);
  }

  private static ObjectNode user(GaussDbAccount account) {
    final ObjectNode node = NODES.objectNode();
    node.put("name", account.name());
    node.putObject("attribute")
        .put("rolsuper", false)
        .put("rolinherit", true)
        .put("rolcreaterole", account.administrator())
        .put("rolcreatedb", account.administrator())
        .put("rolcanlogin", true)
        .put("rolconnlimit", -1)
        .put("rolreplication", false)
        .put("rolbypassrls", false)
        .put("rolpassworddeadline", "");
    node.put("memberof", "");
    node.put("lock_status", false);
    return node;
  }

  /** The items from {@code offset}, at most {@code limit}, and how many there are in all. */
  private static Reply page(LoggedRequest request, String key, List<ObjectNode> items, int defaultLimit) {
    final Long offset = whole(request, "offset", 0, 0, Integer.MAX_VALUE);
    final Long limit = whole(request, "limit", defaultLimit, 1, 100);
    if (offset == null || limit == null) {
      return parameterError();
    }
    final ObjectNode body = NODES.objectNode();
    final ArrayNode array = body.putArray(key);
    items.stream().skip(offset).limit(limit).forEach(array::add);
    body.put("total_count", items.size());
    return new Reply(200, body);
  }

  private Reply resetDbUserPassword(LoggedRequest request, String instanceId) {
    final GaussDbInstance instance = state.gaussDbInstance(instanceId);
    if (instance == null) {
      return instanceNotFound();
    }
    final JsonNode body = jsonBody(request);
    if (body == null || !body.path("name").isTextual() || !body.path("password").isTextual()) {
      return parameterError();
    }
    final String name = body.get("name").asText();
    final String password = body.get("password").asText();
    if (!instance.allowsPasswordReset()) {
      return statusForbids();
    }
    if (!ACCOUNT_NAME.matcher(name).matches()) {
      return error(400, "DBS.200062", "Invalid database username.");
    }
    if (GaussDbPasswordValidator.isSystemAccount(name)) {
      return error(409, "DBS.200828", "Built-in database accounts cannot be edited.");
    }
    final GaussDbAccount account = instance.accounts().stream().filter(a -> a.name().equals(name))
        .findFirst().orElse(null);
    if (account == null) {
      return error(400, "DBS.200824", "The database account does not exist.");
    }
    if (!PasswordPolicy.GAUSSDB.violations(password).isEmpty() || PasswordPolicy.resemblesName(password, name)
        || KNOWN_WEAK_PASSWORDS.contains(password)) {
      return error(400, "DBS.200068", "This is a weak password. Please enter a strong password.");
    }
    if (password.equals(account.password())) {
      return error(400, "DBS.200475", "New password should not equal to the old one.");
    }
    state.setAccountPassword(instanceId, name, password);
    return new Reply(200, NODES.objectNode());
  }

  private Reply resetRootPassword(LoggedRequest request, String instanceId) {
    final RdsInstance instance = state.rdsInstance(instanceId);
    if (instance == null) {
      return instanceNotFound();
    }
    final JsonNode body = jsonBody(request);
    if (body == null || !body.path("db_user_pwd").isTextual()) {
      return parameterError();
    }
    final PasswordPolicy policy = instance.engine().rootPasswordPolicy();
    if (policy == null) {
      // the API serves MySQL and PostgreSQL only; Huawei's error for other engines is not documented
      return parameterError();
    }
    if (!instance.allowsPasswordReset()) {
      return statusForbids();
    }
    final String password = body.get("db_user_pwd").asText();
    if (!policy.violations(password).isEmpty()) {
      return error(400, "DBS.200052", "Invalid database root password.");
    }
    state.setRootPassword(instanceId, password);
    return new Reply(200, NODES.objectNode());
  }

  /** The instances that the listing's {@code id}, {@code name} and {@code type} query parameters ask for. */
  private static <I extends ListedInstance> Predicate<I> listingFilter(LoggedRequest request) {
    Predicate<I> filter = i -> true;
    final String id = query(request, "id");
    final String name = query(request, "name");
    final String type = query(request, "type");
    if (id != null) {
      filter = filter.and(i -> i.id().equals(id));
    }
    if (name != null) {
      filter = filter.and(i -> nameMatches(i.name(), name));
    }
    if (type != null) {
      filter = filter.and(i -> i.type().equals(type));
    }
    return filter;
  }

  private static boolean nameMatches(String actual, String wanted) {
    return wanted.startsWith("*") ? actual.contains(wanted.substring(1)) : actual.equals(wanted);
  }

  private static @Nullable String query(LoggedRequest request, String name) {
    final QueryParameter parameter = request.queryParameter(name);
    return parameter == null || !parameter.isPresent() ? null : parameter.firstValue();
  }

  /** A whole-number query parameter within bounds, {@code absent} when not given, null when bad. */
  private static @Nullable Long whole(LoggedRequest request, String name, long absent, long min, long max) {
    final String text = query(request, name);
    if (text == null) {
      return absent;
    }
    if (!DIGITS.matcher(text).matches()) {
      return null;
    }
    final long value = Long.parseLong(text);
    return value < min || value > max ? null : value;
  }

  private static @Nullable JsonNode jsonBody(LoggedRequest request) {
    try {
      final byte[] bytes = request.getBody();
      final JsonNode body = bytes == null || bytes.length == 0 ? null : JSON.readTree(bytes);
      return body != null && body.isObject() ? body : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Reply instanceNotFound() {
    return error(404, "DBS.200002", "The DB instance does not exist.");
  }

  private static Reply statusForbids() {
    return error(400, "DBS.200086", "This operation is not allowed by the DB instance status.");
  }

  private static Reply parameterError() {
    return error(400, "DBS.200001", "Parameter error.");
  }

  private static Reply error(int status, String code, String message) {
    final ObjectNode body = NODES.objectNode();
    body.put("error_code", code);
    body.put("error_msg", message);
    return new Reply(status, body);
  }

  /** The gateway's errors also carry the request id in the body. */
  private static Reply gatewayError(int status, String code, String message, String requestId) {
    final ObjectNode body = NODES.objectNode();
    body.put("error_msg", message);
    body.put("error_code", code);
    body.put("request_id", requestId);
    return new Reply(status, body);
  }

  private static ResponseDefinition respond(Reply reply, String requestId) {
    return new ResponseDefinitionBuilder()
        .withStatus(reply.status())
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Request-Id", requestId)
        .withBody(JsonBody.of(reply.body()))
        .build();
  }
}
