package io.credql.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator over plain HTTP, compared with Linode's recorded traffic, SDK fixtures and spec. */
class LinodeSimulatorTest {
  private static final String TOKEN = "simulator-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Configured like the SDK fixtures' database: forked, in a VPC, a 3-node cluster, with engine settings. */
  private static final ManagedDatabase FIXTURE_LIKE_POSTGRES =
      likeTheFixture(DatabaseEngine.POSTGRESQL, 123, "postgresql_database_get.json");
  private static final ManagedDatabase FIXTURE_LIKE_MYSQL =
      likeTheFixture(DatabaseEngine.MYSQL, 223, "mysql_database_get.json");
  /** Configured like the database in the recorded traffic: a 3-node cluster, nothing else. */
  private static final ManagedDatabase RECORDING_LIKE_POSTGRES =
      ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 227300, "go-postgres-testing-deft7gm2j8p240c")
          .region("ap-west").type("g6-nanode-1").clusterSize(3).version("14.15").port(18319)
          .username("aCoolUsername").build();

  private @Nullable LinodeSimulator sim;

  private static ManagedDatabase likeTheFixture(DatabaseEngine engine, long id, String fixture) {
    final JsonNode recorded = LinodeRecordings.fixture(fixture);
    return ManagedDatabase.builder(engine, id, "example-db")
        .clusterSize(3)
        .fork(new ManagedDatabase.Fork(176881, LocalDateTime.of(2024, 10, 14, 19, 55, 12)))
        .privateNetwork(new ManagedDatabase.PrivateNetwork(1234, 5678, true))
        .engineConfig((ObjectNode) recorded.get("engine_config"))
        .username("linroot")
        .build();
  }

  private LinodeSimulator start(LinodeSimulator.Builder builder) {
    sim = builder.build().start();
    return sim;
  }

  private LinodeSimulator start(ManagedDatabase... databases) {
    return start(LinodeSimulator.builder().token(TOKEN).dataset(LinodeDataset.of(databases)));
  }

  @AfterEach void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private HttpResponse<String> send(String method, String path, @Nullable String authorization) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Accept", "application/json");
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
    return send("GET", path, "Bearer " + TOKEN);
  }

  private HttpResponse<String> post(String path) {
    return send("POST", path, "Bearer " + TOKEN);
  }

  private static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static Map<String, String> union(JsonNode a, JsonNode b) {
    final Map<String, String> shape = new HashMap<>(LinodeRecordings.shape(a));
    shape.putAll(LinodeRecordings.shape(b));
    return new TreeMap<>(shape);
  }

  @Test void aListedPostgresDatabaseHasTheFieldsLinodeRecorded() {
    start(FIXTURE_LIKE_POSTGRES, RECORDING_LIKE_POSTGRES);
    final JsonNode listing = body(get("/v4/databases/postgresql/instances"));
    final JsonNode fixture = LinodeRecordings.fixture("postgresql_databases_list.json");
    final JsonNode recorded = LinodeRecordings.recorded("GET", "/databases/postgresql/instances?page=1", 0);

    assertEquals(LinodeRecordings.shape(fixture).keySet().stream().filter(k -> !k.contains(".")).toList(),
        List.of("data", "page", "pages", "results"));
    assertEquals(Set.of("data", "page", "pages", "results"), fieldNames(listing));
    // the fixture lacks oldest_restore_time, which the real recording has: expect both
    assertEquals(union(fixture.get("data").get(0), recorded.get("data").get(0)),
        LinodeRecordings.shape(listing.get("data").get(0)));
    // a database that is neither forked nor in a VPC has exactly the recorded fields
    assertEquals(LinodeRecordings.shape(recorded.get("data").get(0)),
        LinodeRecordings.shape(listing.get("data").get(1)));
  }

  @Test void aListedMysqlDatabaseHasTheFieldsOfTheSdkFixture() {
    start(FIXTURE_LIKE_MYSQL);
    final JsonNode listing = body(get("/v4/databases/mysql/instances"));
    assertEquals(LinodeRecordings.shape(LinodeRecordings.fixture("mysql_databases_list.json").get("data").get(0)),
        LinodeRecordings.shape(listing.get("data").get(0)));
    assertEquals(3306, listing.get("data").get(0).get("port").asInt());
    assertEquals("mysql", listing.get("data").get(0).get("engine").asText());
  }

  @Test void aSingleDatabaseHasTheFieldsLinodeRecordedAndItsEngineSettings() {
    start(FIXTURE_LIKE_POSTGRES, FIXTURE_LIKE_MYSQL, RECORDING_LIKE_POSTGRES);
    final JsonNode recorded = LinodeRecordings.recorded("GET", "/databases/postgresql/instances/227300", 0);
    assertEquals(union(LinodeRecordings.fixture("postgresql_database_get.json"), recorded),
        LinodeRecordings.shape(body(get("/v4/databases/postgresql/instances/123"))));
    assertEquals(LinodeRecordings.shape(LinodeRecordings.fixture("mysql_database_get.json")),
        LinodeRecordings.shape(body(get("/v4/databases/mysql/instances/223"))));
    assertEquals(LinodeRecordings.shape(recorded),
        LinodeRecordings.shape(body(get("/v4/databases/postgresql/instances/227300"))));
    assertEquals(LinodeRecordings.fixture("postgresql_database_get.json").get("engine_config"),
        body(get("/v4/databases/postgresql/instances/123")).get("engine_config"));
  }

  @Test void timestampsHaveLinodesFormatWithoutZone() {
    start(FIXTURE_LIKE_POSTGRES);
    final JsonNode db = body(get("/v4/databases/postgresql/instances/123"));
    for (String field : List.of("created", "updated", "oldest_restore_time")) {
      assertTrue(db.get(field).asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"), field + ": " + db.get(field));
    }
    assertEquals("2024-10-14T19:55:12", db.get("fork").get("restore_time").asText());
  }

  @Test void credentialsHaveTheRecordedFields() {
    start(FIXTURE_LIKE_POSTGRES, FIXTURE_LIKE_MYSQL);
    final JsonNode postgres = body(get("/v4/databases/postgresql/instances/123/credentials"));
    assertEquals(LinodeRecordings.shape(LinodeRecordings.fixture("postgresql_database_credentials_get.json")),
        LinodeRecordings.shape(postgres));
    assertEquals(LinodeRecordings.shape(LinodeRecordings.recorded("GET", "/227300/credentials", 0)),
        LinodeRecordings.shape(postgres));
    assertEquals(sim.password(DatabaseEngine.POSTGRESQL, 123), postgres.get("password").asText());
    assertEquals("linroot", postgres.get("username").asText());
    assertEquals(LinodeRecordings.shape(LinodeRecordings.fixture("mysql_database_credentials_get.json")),
        LinodeRecordings.shape(body(get("/v4/databases/mysql/instances/223/credentials"))));
  }

  @Test void resettingCredentialsAnswersAnEmptyObjectAndChangesOnlyThePassword() {
    start(RECORDING_LIKE_POSTGRES);
    final String path = "/v4beta/databases/postgresql/instances/227300/credentials";
    final JsonNode before = body(get(path));
    final HttpResponse<String> reset = post(path + "/reset");
    final JsonNode after = body(get(path));

    assertEquals(200, reset.statusCode());
    assertEquals(LinodeRecordings.recorded("POST", "/227300/credentials/reset", 0), body(reset));
    assertEquals("{}", reset.body());
    // as recorded: same username, another password
    assertEquals(before.get("username"), after.get("username"));
    assertEquals("aCoolUsername", after.get("username").asText());
    assertNotEquals(before.get("password"), after.get("password"));
    assertEquals(sim.password(DatabaseEngine.POSTGRESQL, 227300), after.get("password").asText());
  }

  @Test void credentialsOfADatabaseThatIsNotActiveAreRefusedWithAReason() {
    start(FIXTURE_LIKE_POSTGRES);
    sim.setStatus(DatabaseEngine.POSTGRESQL, 123, DatabaseStatus.SUSPENDED);
    final String before = sim.password(DatabaseEngine.POSTGRESQL, 123);

    for (HttpResponse<String> refused : List.of(get("/v4/databases/postgresql/instances/123/credentials"),
        post("/v4/databases/postgresql/instances/123/credentials/reset"))) {
      assertEquals(400, refused.statusCode());
      final JsonNode errors = body(refused).get("errors");
      assertEquals(1, errors.size());
      assertTrue(errors.get(0).get("reason").asText().contains("must be active"), refused.body());
      assertTrue(errors.get(0).get("reason").asText().contains("suspended"), refused.body());
    }
    assertEquals(before, sim.password(DatabaseEngine.POSTGRESQL, 123));

    sim.setStatus(DatabaseEngine.POSTGRESQL, 123, DatabaseStatus.ACTIVE);
    assertEquals(200, get("/v4/databases/postgresql/instances/123/credentials").statusCode());
  }

  @Test void anUnknownIdAnotherEnginesIdOrANonNumericIdIsNotFound() {
    start(FIXTURE_LIKE_POSTGRES, FIXTURE_LIKE_MYSQL);
    for (String path : List.of("/v4/databases/postgresql/instances/999",
        "/v4/databases/postgresql/instances/223",
        "/v4/databases/mysql/instances/123/credentials",
        "/v4/databases/postgresql/instances/abc",
        "/v4/databases/postgresql/instances/-123",
        "/v4/databases/postgresql/instances/99999999999999999999999/credentials")) {
      final HttpResponse<String> response = get(path);
      assertEquals(404, response.statusCode(), path);
      assertEquals("{\"errors\":[{\"reason\":\"Not found\"}]}", response.body(), path);
    }
    assertEquals(404, post("/v4/databases/mysql/instances/999/credentials/reset").statusCode());
  }

  @Test void unknownPathsAreNotFoundInLinodesShape() {
    start(FIXTURE_LIKE_POSTGRES);
    for (String path : List.of("/", "/v4", "/v4/databases", "/v4/databases/oracle/instances",
        "/v3/databases/postgresql/instances", "/v4/databases/postgresql/instances/123/credentials/rotate",
        "/v4/linode/instances")) {
      final HttpResponse<String> response = get(path);
      assertEquals(404, response.statusCode(), path);
      assertEquals("{\"errors\":[{\"reason\":\"Not found\"}]}", response.body(), path);
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null), path);
    }
  }

  @Test void aWrongMethodOnAKnownPathIsMethodNotAllowed() {
    start(FIXTURE_LIKE_POSTGRES);
    final Map<String, String> wrong = Map.of(
        "GET", "/v4/databases/postgresql/instances/123/credentials/reset",
        "POST", "/v4/databases/postgresql/instances/123/credentials",
        "DELETE", "/v4/databases/postgresql/instances/123",
        "PUT", "/v4/databases/mysql/instances");
    wrong.forEach((method, path) -> {
      final HttpResponse<String> response = send(method, path, "Bearer " + TOKEN);
      assertEquals(405, response.statusCode(), method + " " + path);
      assertEquals("Method Not Allowed", body(response).get("errors").get(0).get("reason").asText());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    });
    assertEquals("GET, HEAD", post("/v4/databases/postgresql/instances/123").headers().firstValue("Allow").orElse(null));
    assertEquals("POST", get("/v4/databases/postgresql/instances/123/credentials/reset").headers()
        .firstValue("Allow").orElse(null));
  }

  @Test void anythingButTheBearerTokenIsRejectedBeforeAnythingElse() {
    start(LinodeSimulator.builder().token(TOKEN).rateLimit(1).dataset(LinodeDataset.of(FIXTURE_LIKE_POSTGRES)));
    for (String authorization : List.of("Bearer another-token", "Bearer " + TOKEN.toUpperCase(),
        "Bearer " + TOKEN + "x", TOKEN, "Token " + TOKEN, "Basic " + TOKEN, "Bearer  " + TOKEN, "bearer " + TOKEN, "Bearer")) {
      final HttpResponse<String> response = send("GET", "/v4/databases/postgresql/instances", authorization);
      assertEquals(401, response.statusCode(), authorization);
      assertEquals("{\"errors\":[{\"reason\":\"Invalid Token\"}]}", response.body());
    }
    // not found, wrong method and the rate limit (1 per second here) come after the token
    assertEquals(401, send("GET", "/v4/nowhere", null).statusCode());
    assertEquals(401, send("DELETE", "/v4/databases/postgresql/instances/123/credentials", null).statusCode());
    assertEquals(200, get("/v4/databases/postgresql/instances").statusCode());
  }

  @Test void pageSizeOutside25To500IsABadRequestNamingTheField() {
    start(FIXTURE_LIKE_POSTGRES);
    for (String size : List.of("24", "501", "0", "ten", "-5")) {
      final HttpResponse<String> response = get("/v4/databases/postgresql/instances?page_size=" + size);
      assertEquals(400, response.statusCode(), size);
      final JsonNode error = body(response).get("errors").get(0);
      assertEquals("page_size", error.get("field").asText());
      assertTrue(error.get("reason").asText().contains("25"), error.toString());
    }
    assertEquals(200, get("/v4/databases/postgresql/instances?page_size=25").statusCode());
    assertEquals(200, get("/v4/databases/postgresql/instances?page_size=500").statusCode());
    assertEquals("page", body(get("/v4/databases/postgresql/instances?page=0")).get("errors").get(0)
        .get("field").asText());
  }

  @Test void pagesSplitTheListingAndAPageBeyondTheLastIsEmpty() {
    final List<ManagedDatabase> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 1000 + i, "db-" + i).build());
    }
    many.add(ManagedDatabase.builder(DatabaseEngine.MYSQL, 5000, "not-postgres").build());
    start(LinodeSimulator.builder().token(TOKEN).dataset(LinodeDataset.of(many)));

    final Set<Long> seen = new HashSet<>();
    for (int page = 1; page <= 3; page++) {
      final JsonNode listing = body(get("/v4/databases/postgresql/instances?page_size=25&page=" + page));
      assertEquals(page, listing.get("page").asInt());
      assertEquals(3, listing.get("pages").asInt());
      assertEquals(60, listing.get("results").asInt());
      assertEquals(page < 3 ? 25 : 10, listing.get("data").size());
      listing.get("data").forEach(db -> assertTrue(seen.add(db.get("id").asLong()), "twice: " + db.get("id")));
    }
    assertEquals(60, seen.size());
    final JsonNode beyond = body(get("/v4/databases/postgresql/instances?page_size=25&page=4"));
    assertEquals(0, beyond.get("data").size());
    assertEquals(3, beyond.get("pages").asInt());
    assertEquals(4, beyond.get("page").asInt());
    // the default page size is 100
    final JsonNode first = body(get("/v4/databases/postgresql/instances"));
    assertEquals(60, first.get("data").size());
    assertEquals(1, first.get("pages").asInt());
    assertEquals(61, body(get("/v4/databases/instances")).get("results").asInt());
  }

  @Test void theAllEnginesListingHasTheFixturesFieldsAndWhereToFindEachDatabase() {
    start(FIXTURE_LIKE_POSTGRES, FIXTURE_LIKE_MYSQL);
    final JsonNode listing = body(get("/v4/databases/instances"));
    final Map<String, String> fixture =
        LinodeRecordings.shape(LinodeRecordings.fixture("databases_list.json").get("data").get(0));
    for (JsonNode item : listing.get("data")) {
      final Map<String, String> shape = LinodeRecordings.shape(item);
      fixture.forEach((field, type) -> assertEquals(type, shape.get(field), field));
    }
    assertEquals("/v4/databases/mysql/instances/223", listing.get("data").get(1).get("instance_uri").asText());
  }

  @Test void everyResponseIsExactlyApplicationJsonAndCarriesRateLimitAndScopeHeaders() {
    start(FIXTURE_LIKE_POSTGRES);
    final long now = System.currentTimeMillis() / 1000;
    final List<HttpResponse<String>> responses = List.of(
        get("/v4/databases/postgresql/instances"),
        get("/v4/databases/postgresql/instances/123/credentials"),
        post("/v4/databases/postgresql/instances/123/credentials/reset"),
        get("/v4/databases/postgresql/instances?page_size=1"),
        get("/v4/databases/postgresql/instances/9"),
        send("DELETE", "/v4/databases/postgresql/instances", "Bearer " + TOKEN),
        send("GET", "/v4/databases/postgresql/instances", "Bearer nope"));
    int previousRemaining = Integer.MAX_VALUE;
    for (HttpResponse<String> response : responses) {
      final String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode();
      assertEquals(List.of("application/json"), response.headers().allValues("Content-Type"), what);
      assertEquals("1600", response.headers().firstValue("X-RateLimit-Limit").orElse(null), what);
      final int remaining = Integer.parseInt(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
      assertTrue(remaining < 1600 && remaining <= previousRemaining, what);
      previousRemaining = remaining;
      final long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
      assertTrue(reset > now && reset <= now + 61, what + ": reset " + reset);
      assertEquals("*", response.headers().firstValue("X-OAuth-Scopes").orElse(null), what);
      assertEquals(response.request().method().equals("GET") ? "databases:read_only" : "databases:read_write",
          response.headers().firstValue("X-Accepted-OAuth-Scopes").orElse(null), what);
    }
  }

  @Test void beyondTheConfiguredRateRequestsAreThrottledWithRetryAfter() {
    start(LinodeSimulator.builder().token(TOKEN).rateLimit(5).dataset(LinodeDataset.of(FIXTURE_LIKE_POSTGRES)));
    final Map<String, Integer> allowedPerWindow = new HashMap<>();
    HttpResponse<String> throttled = null;
    for (int i = 0; i < 20; i++) {
      final HttpResponse<String> response = get("/v4/databases/postgresql/instances/123");
      assertEquals("5", response.headers().firstValue("X-RateLimit-Limit").orElse(null));
      if (response.statusCode() == 200) {
        allowedPerWindow.merge(response.headers().firstValue("X-RateLimit-Reset").orElseThrow(), 1, Integer::sum);
      } else {
        throttled = response;
      }
    }
    allowedPerWindow.values().forEach(allowed -> assertTrue(allowed <= 5, allowedPerWindow.toString()));
    assertTrue(throttled != null, "20 quick requests at 5 per second: some must be throttled");
    assertEquals(429, throttled.statusCode());
    assertEquals("{\"errors\":[{\"reason\":\"Too many requests\"}]}", throttled.body());
    assertEquals("1", throttled.headers().firstValue("Retry-After").orElse(null));
    assertEquals("0", throttled.headers().firstValue("X-RateLimit-Remaining").orElse(null));
    assertEquals("application/json", throttled.headers().firstValue("Content-Type").orElse(null));
  }

  @Test void theBetaVersionServesTheSameDatabases() {
    start(FIXTURE_LIKE_POSTGRES);
    assertEquals(body(get("/v4/databases/postgresql/instances/123")),
        body(get("/v4beta/databases/postgresql/instances/123")));
  }

  @Test void theJournalCountsEveryRequestIncludingRejectedOnes() {
    start(FIXTURE_LIKE_POSTGRES);
    get("/v4/databases/postgresql/instances");
    get("/v4/databases/postgresql/instances/123/credentials");
    get("/v4/databases/postgresql/instances/124/credentials");
    send("GET", "/v4/databases/postgresql/instances", "Bearer wrong");
    assertEquals(4, sim.requestCount());
    assertEquals(2, sim.requestCount("/v4/databases/postgresql/instances/[0-9]+/credentials"));
    assertEquals("/v4/databases/postgresql/instances", sim.requests().get(0).getUrl());
    sim.resetRequests();
    assertEquals(0, sim.requestCount());
  }

  @Test void aConfiguredLatencyDelaysResponsesWithoutHoldingAThreadPerCall() throws Exception {
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // warm both ends up first, so the measured round is not spent loading classes
    try (LinodeSimulator warmUp = LinodeSimulator.builder().token(TOKEN)
        .dataset(LinodeDataset.of(FIXTURE_LIKE_POSTGRES)).build().start()) {
      for (CompletableFuture<HttpResponse<Void>> call : concurrentCalls(client, warmUp, 100)) {
        assertEquals(200, call.get().statusCode());
      }
    }
    final int latencyMillis = 2500;
    start(LinodeSimulator.builder().token(TOKEN).latency(Duration.ofMillis(latencyMillis))
        .dataset(LinodeDataset.of(FIXTURE_LIKE_POSTGRES)));
    final long started = System.nanoTime();
    final List<CompletableFuture<HttpResponse<Void>>> calls = concurrentCalls(client, sim, 500);
    // 200 container threads sleeping through the delay could take at most 200 calls before the
    // first answer; scheduled delays let every call in (all 500 unless the machine is very slow)
    int receivedBeforeFirstAnswer = 0;
    while (receivedBeforeFirstAnswer < 500) {
      final int received = sim.requestCount();
      if (calls.stream().anyMatch(CompletableFuture::isDone)) {
        break;
      }
      receivedBeforeFirstAnswer = received;
      Thread.sleep(10);
    }
    assertTrue(receivedBeforeFirstAnswer > 250, receivedBeforeFirstAnswer + " requests received before the first answer");
    for (CompletableFuture<HttpResponse<Void>> call : calls) {
      assertEquals(200, call.get().statusCode());
    }
    final long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(elapsedMillis >= latencyMillis, elapsedMillis + " ms");
  }

  private static List<CompletableFuture<HttpResponse<Void>>> concurrentCalls(HttpClient client,
      LinodeSimulator simulator, int count) {
    final HttpRequest request = HttpRequest.newBuilder(
            URI.create(simulator.baseUrl() + "/databases/postgresql/instances/123"))
        .header("Authorization", "Bearer " + TOKEN).build();
    final List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
    }
    return calls;
  }

  @Test void theTokenIsRequiredAndIdsAreUniqueAcrossEngines() {
    assertThrows(NullPointerException.class, () -> LinodeSimulator.builder().build());
    assertThrows(IllegalArgumentException.class, () -> LinodeDataset.of(
        ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 7, "a").build(),
        ManagedDatabase.builder(DatabaseEngine.MYSQL, 7, "b").build()));
  }

  @Test void theDemoAccountHasActiveAndInactiveDatabasesOfBothEngines() {
    start(LinodeSimulator.builder().token(TOKEN).dataset(LinodeSimulator.demoDataset()));
    final JsonNode postgres = body(get("/v4/databases/postgresql/instances")).get("data");
    final JsonNode mysql = body(get("/v4/databases/mysql/instances")).get("data");
    assertEquals(List.of(123L, 124L, 125L, 126L), ids(postgres));
    assertEquals(List.of(131L, 132L, 133L), ids(mysql));
    assertEquals(Set.of("active", "provisioning", "suspended"), statuses(postgres));
    assertEquals(Set.of("active", "suspended"), statuses(mysql));
    assertEquals(200, get("/v4/databases/postgresql/instances/123/credentials").statusCode());
    assertEquals(400, get("/v4/databases/postgresql/instances/125/credentials").statusCode());
    assertEquals(200, get("/v4/databases/mysql/instances/131/credentials").statusCode());
    assertEquals(400, get("/v4/databases/mysql/instances/133/credentials").statusCode());
    assertEquals(5432, postgres.get(0).get("port").asInt());
    assertTrue(sim.password(DatabaseEngine.MYSQL, 131).length() >= 16);
  }

  private static Set<String> fieldNames(JsonNode node) {
    final Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<Long> ids(JsonNode data) {
    final List<Long> ids = new ArrayList<>();
    data.forEach(db -> ids.add(db.get("id").asLong()));
    return ids;
  }

  private static Set<String> statuses(JsonNode data) {
    final Set<String> statuses = new HashSet<>();
    data.forEach(db -> statuses.add(db.get("status").asText()));
    return statuses;
  }
}
