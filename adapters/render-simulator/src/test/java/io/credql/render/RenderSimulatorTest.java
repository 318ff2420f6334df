package io.credql.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator over plain HTTP, checked against what Render's API clients and documentation say. */
class RenderSimulatorTest {
  private static final String KEY = "rnd_simulatortestkey";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String ORDERS = RenderDataset.ORDERS_PROD;

  private @Nullable RenderSimulator sim;

  private RenderSimulator start(RenderSimulator.Builder builder) {
    sim = builder.build().start();
    return sim;
  }

  private RenderSimulator startDemo() {
    return start(RenderSimulator.builder().apiKey(KEY).dataset(RenderDataset.demo()));
  }

  @AfterEach void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private HttpResponse<String> send(String method, String path, @Nullable String body,
      @Nullable String authorization) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> get(String path) {
    return send("GET", path, null, "Bearer " + KEY);
  }

  private HttpResponse<String> createUser(String id, String body) {
    return send("POST", "/v1/postgres/" + id + "/credentials", body, "Bearer " + KEY);
  }

  private HttpResponse<String> deleteUser(String id, String username) {
    return send("DELETE", "/v1/postgres/" + id + "/credentials/" + username, null, "Bearer " + KEY);
  }

  private static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    final Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertRenderError(HttpResponse<String> response, int status, String id, String message) {
    assertEquals(status, response.statusCode(), response::body);
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals(Set.of("id", "message"), fieldNames(body(response)));
    assertEquals(id, body(response).get("id").asText());
    assertEquals(message, body(response).get("message").asText());
  }

  @Test void aRequestWithoutTheRightApiKeyIsRefusedWith401Unauthorized() {
    startDemo();
    for (String authorization : new String[] {null, "Bearer wrong", KEY, "Basic " + KEY, "bearer " + KEY}) {
      assertRenderError(send("GET", "/v1/postgres", null, authorization), 401, "unauthorized",
          "Authorization information is missing or invalid.");
    }
    assertRenderError(send("DELETE", "/v1/postgres/" + ORDERS + "/credentials/orders_user", null, null),
        401, "unauthorized", "Authorization information is missing or invalid.");
    assertEquals(2, sim.users(ORDERS).size(), "a refused request changes nothing");
  }

  @Test void theListingIsAnArrayOfCursorAndPostgresItemsWithRendersFields() {
    startDemo();
    final HttpResponse<String> response = get("/v1/postgres");
    assertEquals(200, response.statusCode());
    final JsonNode listing = body(response);
    assertTrue(listing.isArray());
    assertEquals(3, listing.size());
    for (JsonNode item : listing) {
      assertEquals(Set.of("cursor", "postgres"), fieldNames(item));
      assertFalse(item.get("cursor").asText().isEmpty());
    }
    final JsonNode orders = listing.get(0).get("postgres");
    // the required fields of Render's Postgres object, and the optional ones this instance has
    assertEquals(new TreeSet<>(List.of("id", "ipAllowList", "createdAt", "updatedAt", "databaseName",
        "databaseUser", "highAvailabilityEnabled", "name", "owner", "plan", "region", "readReplicas",
        "role", "status", "version", "suspended", "suspenders", "dashboardUrl", "diskAutoscalingEnabled",
        "connectionPool", "diskSizeGB", "environmentId")), fieldNames(orders));
    assertEquals(ORDERS, orders.get("id").asText());
    assertEquals("orders-prod", orders.get("name").asText());
    assertEquals("available", orders.get("status").asText());
    assertEquals("not_suspended", orders.get("suspended").asText());
    assertEquals("primary", orders.get("role").asText());
    assertEquals(Set.of("id", "name", "email", "type"), fieldNames(orders.get("owner")));
    assertEquals(Set.of("cidrBlock", "description"), fieldNames(orders.get("ipAllowList").get(0)));
    assertTrue(orders.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
    final JsonNode staging = listing.get(2).get("postgres");
    assertEquals("suspended", staging.get("suspended").asText());
    assertEquals(List.of("user"), List.of(staging.get("suspenders").get(0).asText()));
  }

  @Test void theNextPageStartsAfterTheLastItemsCursorAndAnEmptyPageEndsTheListing() {
    final List<PostgresInstance> many = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      many.add(PostgresInstance.builder(String.format("dpg-tenant%014d", i), "tenant-" + i).build());
    }
    start(RenderSimulator.builder().apiKey(KEY).dataset(RenderDataset.of(many)));
    final List<String> seen = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    while (true) {
      final JsonNode page = body(get("/v1/postgres" + (cursor == null ? ""
          : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
      sizes.add(page.size());
      if (page.isEmpty()) {
        break;
      }
      page.forEach(item -> seen.add(item.get("postgres").get("id").asText()));
      cursor = page.get(page.size() - 1).get("cursor").asText();
    }
    // 20 by default, as Render's pagination page says
    assertEquals(List.of(20, 20, 5, 0), sizes);
    assertEquals(many.stream().map(PostgresInstance::id).toList(), seen);
    assertEquals(45, body(get("/v1/postgres?limit=100")).size());
    assertEquals(7, body(get("/v1/postgres?limit=7")).size());
  }

  @Test void aLimitOutsideOneToAHundredOrABadCursorIsABadRequest() {
    startDemo();
    for (String query : new String[] {"limit=0", "limit=101", "limit=ten", "cursor=%25%25%25"}) {
      final HttpResponse<String> response = get("/v1/postgres?" + query);
      assertEquals(400, response.statusCode(), query);
      assertEquals("bad_request", body(response).get("id").asText());
    }
  }

  @Test void theListingFiltersByNameRegionSuspensionOwnerAndCreationTime() {
    startDemo();
    assertEquals(List.of(RenderDataset.ANALYTICS), ids(get("/v1/postgres?name=analytics")));
    assertEquals(List.of(ORDERS, RenderDataset.STAGING), ids(get("/v1/postgres?region=oregon&region=ohio")));
    assertEquals(List.of(RenderDataset.STAGING), ids(get("/v1/postgres?suspended=suspended")));
    assertEquals(3, ids(get("/v1/postgres?ownerId=tea-cq0demoteam0a1b2c3d4")).size());
    assertEquals(List.of(), ids(get("/v1/postgres?ownerId=usr-someoneelse")));
    assertEquals(List.of(ORDERS), ids(get("/v1/postgres?createdBefore=2025-02-01T00:00:00Z")));
    assertEquals(400, get("/v1/postgres?region=mars").statusCode());
  }

  private static List<String> ids(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response::body);
    final List<String> ids = new ArrayList<>();
    body(response).forEach(item -> ids.add(item.get("postgres").get("id").asText()));
    return ids;
  }

  @Test void anInstanceIsRetrievedByIdAndAnUnknownOneIsNotFound() {
    startDemo();
    final JsonNode detail = body(get("/v1/postgres/" + ORDERS));
    assertEquals(ORDERS, detail.get("id").asText());
    assertTrue(detail.has("parameterOverrides"));
    for (String path : new String[] {"/v1/postgres/dpg-unknown", "/v1/postgres/dpg-unknown/credentials",
        "/v1/postgres/dpg-unknown/connection-info", "/v1/services", "/v2/postgres"}) {
      assertRenderError(get(path), 404, "not_found", "Unable to find the requested resource.");
    }
  }

  @Test void theUserListMarksTheDefaultUser() {
    startDemo();
    final JsonNode users = body(get("/v1/postgres/" + ORDERS + "/credentials"));
    assertEquals(2, users.size());
    for (JsonNode user : users) {
      assertEquals(Set.of("username", "default", "createdAt", "openConnections"), fieldNames(user));
    }
    assertEquals("orders_user", users.get(0).get("username").asText());
    assertFalse(users.get(0).get("default").asBoolean());
    assertEquals("orders_user_v2", users.get(1).get("username").asText());
    assertTrue(users.get(1).get("default").asBoolean());
    assertEquals(4, users.get(1).get("openConnections").asInt());
  }

  @Test void creatingAUserAnswers202WithNoBodyAndNoContentTypeAndMakesItTheDefault() {
    startDemo();
    final String before = body(get("/v1/postgres/" + ORDERS + "/connection-info")).get("password").asText();
    final HttpResponse<String> created = createUser(ORDERS, "{\"username\": \"orders_user_v3\"}");
    assertEquals(202, created.statusCode());
    assertEquals("", created.body());
    assertTrue(created.headers().firstValue("Content-Type").isEmpty(), created.headers().toString());

    final JsonNode users = body(get("/v1/postgres/" + ORDERS + "/credentials"));
    assertEquals(3, users.size());
    assertEquals("orders_user_v3", users.get(2).get("username").asText());
    assertTrue(users.get(2).get("default").asBoolean());
    assertFalse(users.get(1).get("default").asBoolean(), "only one default user");
    assertEquals(0, users.get(2).get("openConnections").asInt());

    // the connection information now carries the new default user; the old password is no longer shown
    final JsonNode info = body(get("/v1/postgres/" + ORDERS + "/connection-info"));
    final String password = info.get("password").asText();
    assertNotEquals(before, password);
    assertEquals(sim.defaultUser(ORDERS).password(), password);
    assertEquals("postgresql://orders_user_v3:" + password + "@" + ORDERS + "-a.oregon-postgres.render.com/orders",
        info.get("externalConnectionString").asText());
    assertEquals("postgresql://orders_user_v3:" + password + "@" + ORDERS + "-a/orders",
        info.get("internalConnectionString").asText());
    assertTrue(info.get("psqlCommand").asText().contains("-U orders_user_v3"));
    for (Iterator<String> fields = info.fieldNames(); fields.hasNext(); ) {
      assertFalse(info.get(fields.next()).asText().contains(before), "no trace of the previous default's password");
    }
  }

  @Test void onlyAPooledInstanceHasConnectionPoolStrings() {
    startDemo();
    assertEquals(Set.of("password", "internalConnectionString", "externalConnectionString", "psqlCommand"),
        fieldNames(body(get("/v1/postgres/" + ORDERS + "/connection-info"))));
    assertTrue(fieldNames(body(get("/v1/postgres/" + RenderDataset.ANALYTICS + "/connection-info")))
        .containsAll(Set.of("internalConnectionPoolString", "externalConnectionPoolString")));
  }

  @Test void anEmptyMissingInvalidOrTakenUsernameIsABadRequestAndChangesNothing() {
    startDemo();
    for (String body : new String[] {"{}", "{\"username\": \"\"}", "{\"username\": null}",
        "{\"username\": 42}", "{\"username\": \"has space\"}", "{\"username\": \"9lives\"}",
        "{\"username\": \"pg_monitor\"}", "{\"username\": \"orders_user\"}", "not json"}) {
      final HttpResponse<String> response = createUser(ORDERS, body);
      assertEquals(400, response.statusCode(), body);
      assertEquals("bad_request", body(response).get("id").asText(), body);
    }
    assertEquals("orders_user_v2", sim.defaultUser(ORDERS).username());
    assertEquals(2, sim.users(ORDERS).size());
    assertRenderError(createUser("dpg-unknown", "{\"username\": \"x\"}"), 404, "not_found",
        "Unable to find the requested resource.");
  }

  @Test void deletingAUserAnswers200WithNoBody() {
    startDemo();
    final HttpResponse<String> deleted = deleteUser(ORDERS, "orders_user");
    assertEquals(200, deleted.statusCode());
    assertEquals("", deleted.body());
    assertTrue(deleted.headers().firstValue("Content-Type").isEmpty());
    assertEquals(List.of("orders_user_v2"), sim.users(ORDERS).stream().map(PostgresUser::username).toList());
    // gone: a second deletion does not find it
    assertRenderError(deleteUser(ORDERS, "orders_user"), 404, "not_found", "Unable to find the requested resource.");
  }

  @Test void deletingTheDefaultUserIsRefusedWith400AndRendersExplanation() {
    startDemo();
    assertRenderError(deleteUser(ORDERS, "orders_user_v2"), 400, "bad_request",
        "You can't delete your database's current default user. To perform a credential rotation involving"
            + " the default user, first create a new user to make it the new default. You can then delete"
            + " the previous default user.");
    assertEquals(2, sim.users(ORDERS).size());
    // once a new default exists, the previous one can go
    assertEquals(202, createUser(ORDERS, "{\"username\": \"orders_user_v3\"}").statusCode());
    assertEquals(200, deleteUser(ORDERS, "orders_user_v2").statusCode());
  }

  @Test void theOriginalUsersNameStaysTakenAfterItsDeletion() {
    startDemo();
    assertEquals(200, deleteUser(ORDERS, "orders_user").statusCode());
    // Render only revokes the original user's login, so its role still exists
    assertEquals(400, createUser(ORDERS, "{\"username\": \"orders_user\"}").statusCode());
  }

  @Test void everyResponseCarriesRendersRateLimitHeaders() {
    startDemo();
    for (HttpResponse<String> response : List.of(get("/v1/postgres"), get("/v1/postgres/dpg-unknown"),
        createUser(ORDERS, "{\"username\": \"headers_user\"}"))) {
      for (String header : new String[] {"Ratelimit-Limit", "Ratelimit-Remaining", "Ratelimit-Reset"}) {
        assertTrue(response.headers().firstValue(header).orElse("").matches("\\d+"), header + " " + response.headers());
      }
    }
    // reads and writes are counted apart: 400 GETs and 30 other requests a minute
    assertEquals("400", get("/v1/postgres").headers().firstValue("Ratelimit-Limit").orElseThrow());
    assertEquals("30", createUser(ORDERS, "{\"username\": \"headers_user2\"}").headers()
        .firstValue("Ratelimit-Limit").orElseThrow());
  }

  @Test void writesBeyondTheLimitAre429WithRetryAfterAndChangeNothing() {
    final long noon = Instant.parse("2026-01-01T12:00:10Z").toEpochMilli();
    start(RenderSimulator.builder().apiKey(KEY).dataset(RenderDataset.demo()).rateLimits(400, 2).clock(() -> noon));
    assertEquals(202, createUser(ORDERS, "{\"username\": \"first\"}").statusCode());
    assertEquals(202, createUser(ORDERS, "{\"username\": \"second\"}").statusCode());
    final HttpResponse<String> throttled = createUser(ORDERS, "{\"username\": \"third\"}");
    assertEquals(429, throttled.statusCode());
    assertEquals("rate_limited", body(throttled).get("id").asText());
    assertEquals("50", throttled.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("0", throttled.headers().firstValue("Ratelimit-Remaining").orElseThrow());
    assertEquals("second", sim.defaultUser(ORDERS).username());
    // reads have their own budget
    assertEquals(200, get("/v1/postgres").statusCode());
  }

  @Test void otherMethodsOnKnownPathsAre405() {
    startDemo();
    assertEquals(405, send("POST", "/v1/postgres", "{}", "Bearer " + KEY).statusCode());
    assertEquals(405, send("GET", "/v1/postgres/" + ORDERS + "/credentials/orders_user", null, "Bearer " + KEY)
        .statusCode());
  }
}
