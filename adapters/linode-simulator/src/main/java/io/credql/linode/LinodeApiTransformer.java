package io.credql.linode;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.credql.sandbox.RateLimitWindow;
import io.credql.sandbox.SimulatedApiTransformer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The WireMock extension that answers every request to the simulator from its state, checking in
 * this order: the token, the rate limit, the path, the method, the database and its status.
 *
 * <p>Simulated: the PostgreSQL and MySQL listings, single databases, credentials and credentials
 * reset, and the all-engines listing, under {@code /v4} and {@code /v4beta}. Other paths are 404;
 * other methods on these paths (including Linode's create, update and delete, which this simulator
 * does not model) are 405.
 */
final class LinodeApiTransformer extends SimulatedApiTransformer {
  static final String NAME = "linode-api";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Ids, pages and page sizes: digits only, short enough for a long (a sign or a letter is a bad value). */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Set<String> API_VERSIONS = Set.of("v4", "v4beta");
  private static final Set<RequestMethod> GET = Set.of(RequestMethod.GET, RequestMethod.HEAD);
  private static final Set<RequestMethod> POST = Set.of(RequestMethod.POST);

  /** A response before the headers every response carries are added. */
  private record Reply(int status, JsonNode body, Map<String, String> headers) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body, Map.of());
    }

    Reply withHeader(String name, String value) {
      final Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, more);
    }
  }

  private final LinodeState state;
  private final String expectedAuthorization;
  private final RateLimitWindow window;
  private final LinodeSimulator.PageSizeBounds pageSizes;
  private final int latencyMillis;
  private final LongSupplier clock;

  LinodeApiTransformer(LinodeState state, String token, RateLimitWindow window,
      LinodeSimulator.PageSizeBounds pageSizes, int latencyMillis, LongSupplier clock) {
    super(NAME);
    this.state = requireNonNull(state, "state");
    this.expectedAuthorization = "Bearer " + requireNonNull(token, "token");
    this.window = requireNonNull(window, "window");
    this.pageSizes = requireNonNull(pageSizes, "pageSizes");
    this.latencyMillis = latencyMillis;
    this.clock = requireNonNull(clock, "clock");
  }

  @Override public ResponseDefinition transform(ServeEvent serveEvent) {
    final LoggedRequest request = serveEvent.getRequest();
    final long now = clock.getAsLong();
    if (!authorized(request)) {
      return respond(request, error(401, "Invalid Token", null), window.peek(now));
    }
    final RateLimitWindow.Usage usage = window.take(now);
    if (!usage.allowed()) {
      return respond(request, error(429, "Too many requests", null)
          .withHeader("Retry-After", Long.toString(usage.retryAfterSeconds())), usage);
    }
    return respond(request, route(request), usage);
  }

  /** Exactly one {@code Authorization} header, exactly {@code Bearer <token>}. */
  private boolean authorized(LoggedRequest request) {
    final HttpHeader header = request.header("Authorization");
    return header != null && header.isPresent() && header.values().size() == 1
        && expectedAuthorization.equals(header.firstValue());
  }

  private Reply route(LoggedRequest request) {
    final String url = request.getUrl();
    final int query = url.indexOf('?');
    final String[] segments = (query < 0 ? url : url.substring(0, query)).replaceFirst("^/+", "").split("/");
    if (segments.length < 3 || !API_VERSIONS.contains(segments[0]) || !"databases".equals(segments[1])) {
      return notFound();
    }
    final RequestMethod method = request.getMethod();
    if (segments.length == 3 && "instances".equals(segments[2])) {
      return GET.contains(method) ? listing(request, state.list(null), DatabaseJson::anyEngineItem)
          : methodNotAllowed(GET);
    }
    final DatabaseEngine engine = DatabaseEngine.fromPath(segments[2]);
    if (engine == null || segments.length < 4 || !"instances".equals(segments[3])) {
      return notFound();
    }
    if (segments.length == 4) {
      return GET.contains(method) ? listing(request, state.list(engine), DatabaseJson::listItem)
          : methodNotAllowed(GET);
    }
    if (!DIGITS.matcher(segments[4]).matches()) {
      return notFound();
    }
    final long id = Long.parseLong(segments[4]);
    if (segments.length == 5) {
      return GET.contains(method) ? database(engine, id) : methodNotAllowed(GET);
    }
    if (!"credentials".equals(segments[5])) {
      return notFound();
    }
    if (segments.length == 6) {
      return GET.contains(method) ? credentials(engine, id) : methodNotAllowed(GET);
    }
    if (segments.length == 7 && "reset".equals(segments[6])) {
      return POST.contains(method) ? reset(engine, id) : methodNotAllowed(POST);
    }
    return notFound();
  }

  private Reply listing(LoggedRequest request, List<ManagedDatabase> all,
      Function<ManagedDatabase, ObjectNode> render) {
    final List<ObjectNode> errors = new ArrayList<>();
    // Linode's exact wording of these two reasons is not recorded anywhere we could check
    final long page = number(request, "page", 1, 1, Long.MAX_VALUE, errors,
        "page must be a whole number of 1 or more");
    final long pageSize = number(request, "page_size", pageSizes.defaultSize(), pageSizes.min(),
        pageSizes.max(), errors, "page_size must be a whole number from " + pageSizes.min()
            + " to " + pageSizes.max());
    if (!errors.isEmpty()) {
      final ObjectNode body = NODES.objectNode();
      body.putArray("errors").addAll(errors);
      return new Reply(400, body, Map.of());
    }
    final long results = all.size();
    final long pages = Math.max(1, (results + pageSize - 1) / pageSize);
    final ObjectNode body = NODES.objectNode();
    final ArrayNode data = body.putArray("data");
    // a page past the last one is empty; pages and results still describe the whole collection
    if (page <= pages) {
      final int from = (int) ((page - 1) * pageSize);
      final int to = (int) Math.min(results, from + pageSize);
      all.subList(from, to).forEach(db -> data.add(render.apply(db)));
    }
    body.put("page", page);
    body.put("pages", pages);
    body.put("results", results);
    return Reply.ok(body);
  }

  /** A query parameter that must be a whole number within bounds; a bad one adds an error naming it. */
  private static long number(LoggedRequest request, String name, long absent, long min, long max,
      List<ObjectNode> errors, String reason) {
    final QueryParameter parameter = request.queryParameter(name);
    if (parameter == null || !parameter.isPresent()) {
      return absent;
    }
    final String text = parameter.firstValue();
    if (DIGITS.matcher(text).matches()) {
      final long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    }
    errors.add(errorItem(reason, name));
    return absent;
  }

  private Reply database(DatabaseEngine engine, long id) {
    final ManagedDatabase db = state.find(engine, id);
    return db == null ? notFound() : Reply.ok(DatabaseJson.detail(db));
  }

  private Reply credentials(DatabaseEngine engine, long id) {
    final ManagedDatabase db = state.find(engine, id);
    if (db == null) {
      return notFound();
    }
    if (db.status() != DatabaseStatus.ACTIVE) {
      return notActive(db);
    }
    return Reply.ok(DatabaseJson.credentials(db));
  }

  private Reply reset(DatabaseEngine engine, long id) {
    final ManagedDatabase before = state.resetPasswordIfActive(engine, id);
    if (before == null) {
      return notFound();
    }
    return before.status() == DatabaseStatus.ACTIVE ? Reply.ok(NODES.objectNode()) : notActive(before);
  }

  /**
   * The spec says credentials need an {@code active} database; the exact reason Linode gives
   * otherwise is not recorded anywhere we could check, so this one says what is wrong plainly.
   */
  private static Reply notActive(ManagedDatabase db) {
    return error(400, "Database must be active to access its credentials; its status is "
        + db.status().apiName(), null);
  }

  private static Reply notFound() {
    return error(404, "Not found", null);
  }

  private static Reply methodNotAllowed(Set<RequestMethod> allowed) {
    final List<String> names = allowed.stream().map(RequestMethod::getName).sorted().toList();
    return error(405, "Method Not Allowed", null).withHeader("Allow", String.join(", ", names));
  }

  private static Reply error(int status, String reason, @Nullable String field) {
    final ObjectNode body = NODES.objectNode();
    body.putArray("errors").add(errorItem(reason, field));
    return new Reply(status, body, Map.of());
  }

  private static ObjectNode errorItem(String reason, @Nullable String field) {
    final ObjectNode item = NODES.objectNode();
    item.put("reason", reason);
    if (field != null) {
      item.put("field", field);
    }
    return item;
  }

  private ResponseDefinition respond(LoggedRequest request, Reply reply, RateLimitWindow.Usage usage) {
    final boolean read = GET.contains(request.getMethod());
    final Map<String, String> headers = new LinkedHashMap<>();
    // exactly application/json: linodego rejects errors whose Content-Type differs from its Accept
    headers.put("Content-Type", "application/json");
    headers.put("X-RateLimit-Limit", Integer.toString(usage.limit()));
    headers.put("X-RateLimit-Remaining", Integer.toString(usage.remaining()));
    headers.put("X-RateLimit-Reset", Long.toString(usage.resetEpochSecond()));
    headers.put("X-Accepted-OAuth-Scopes", read ? "databases:read_only" : "databases:read_write");
    headers.put("X-OAuth-Scopes", "*");
    headers.put("Cache-Control", "max-age=0, no-cache, no-store");
    headers.put("Vary", "Authorization, X-Filter");
    headers.putAll(reply.headers());
    final ResponseDefinitionBuilder response = new ResponseDefinitionBuilder()
        .withStatus(reply.status())
        .withBody(JsonBody.of(reply.body()));
    headers.forEach(response::withHeader);
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.build();
  }
}
