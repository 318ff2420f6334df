package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.SettableClock;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator over plain HTTP, checked against what the Databricks docs and Python SDK say
 * (shared/reference/provider-apis.md §2): the OAuth token endpoint, bearer checks, the paginated
 * instance listing, and both credential APIs with their rules and error bodies.
 */
class DatabricksSimulatorTest {
  private static final String PAT = "dapi-simulator-test";
  private static final String CLIENT_ID = "sp-client-id";
  private static final String CLIENT_SECRET = "dose-sp-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Instant START = Instant.parse("2026-09-01T12:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private @Nullable DatabricksSimulator sim;

  /** A reply: status and JSON body. */
  private record Answer(int status, JsonNode body) {
    String errorCode() {
      return body.path("error_code").asText();
    }
  }

  @BeforeEach void start() {
    final List<DatabaseInstance> instances = new ArrayList<>(DatabricksDataset.demo().instances());
    for (int i = 0; i < 4; i++) {
      instances.add(DatabaseInstance.available("tenant-" + i, "00000000-0000-4000-8000-00000000000" + i,
          "ops@example.com", START.minus(Duration.ofDays(i + 1))));
    }
    sim = DatabricksSimulator.builder().personalAccessToken(PAT).servicePrincipal(CLIENT_ID, CLIENT_SECRET)
        .clock(clock).dataset(new DatabricksDataset(instances, DatabricksDataset.demo().postgresEndpoints()))
        .build().start();
  }

  @AfterEach void stop() {
    sim().close();
  }

  private DatabricksSimulator sim() {
    if (sim == null) {
      throw new IllegalStateException("not started");
    }
    return sim;
  }

  private Answer send(String method, String path, @Nullable String authorization, @Nullable String json)
      throws IOException, InterruptedException {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim().baseUrl() + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private Answer tokenRequest(String clientId, String secret, String form)
      throws IOException, InterruptedException {
    final String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return answer(HTTP.send(HttpRequest.newBuilder(URI.create(sim().baseUrl() + "/oidc/v1/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  private String oauthToken() throws IOException, InterruptedException {
    return tokenRequest(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&scope=all-apis")
        .body().get("access_token").asText();
  }

  private Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, "Bearer " + PAT, null);
  }

  private Answer post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, "Bearer " + PAT, json);
  }

  private static JsonNode jwtClaims(String token) throws IOException {
    final String[] parts = token.split("\\.");
    assertEquals(3, parts.length, "a JWT has a header, claims and a signature: " + token);
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  @Test void theClientCredentialsGetABearerTokenThatLastsAnHour() throws Exception {
    final Answer answer = tokenRequest(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&scope=all-apis");
    assertEquals(200, answer.status());
    assertEquals("Bearer", answer.body().get("token_type").asText());
    assertEquals(3600, answer.body().get("expires_in").asLong());
    assertEquals(CLIENT_ID, jwtClaims(answer.body().get("access_token").asText()).get("sub").asText());
    assertEquals(200, send("GET", "/api/2.0/database/instances", "Bearer "
        + answer.body().get("access_token").asText(), null).status());
  }

  @Test void aWrongClientSecretIsRefusedAsAnInvalidClient() throws Exception {
    final Answer answer = tokenRequest(CLIENT_ID, "not-the-secret", "grant_type=client_credentials&scope=all-apis");
    assertEquals(401, answer.status());
    assertEquals("invalid_client", answer.body().get("error").asText());
    assertFalse(answer.body().get("error_description").asText().isEmpty());
  }

  @Test void onlyTheClientCredentialsGrantAndTheAllApisScopeAreIssued() throws Exception {
    final Answer grant = tokenRequest(CLIENT_ID, CLIENT_SECRET, "grant_type=password&scope=all-apis");
    assertEquals(400, grant.status());
    assertEquals("unsupported_grant_type", grant.body().get("error").asText());
    final Answer scope = tokenRequest(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&scope=sql");
    assertEquals(400, scope.status());
    assertEquals("invalid_scope", scope.body().get("error").asText());
  }

  @Test void callsWithoutAnAcceptedBearerAreUnauthenticated() throws Exception {
    final String basic = "Basic " + Base64.getEncoder().encodeToString(
        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    for (String authorization : new String[] {null, "Bearer dapi-wrong", basic, "Bearer " + PAT.toUpperCase()}) {
      final Answer answer = send("GET", "/api/2.0/database/instances", authorization, null);
      assertEquals(401, answer.status(), String.valueOf(authorization));
      assertEquals("UNAUTHENTICATED", answer.errorCode());
      assertFalse(answer.body().get("message").asText().isEmpty());
    }
    assertEquals(401, send("POST", "/api/2.0/postgres/credentials", null,
        "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\"}").status());
    assertTrue(sim().credentials().isEmpty(), "nothing is generated for an unauthenticated caller");
  }

  @Test void anIssuedTokenIsRefusedOnceItsHourIsOver() throws Exception {
    final String token = oauthToken();
    clock.advance(Duration.ofMinutes(59));
    assertEquals(200, send("GET", "/api/2.0/database/instances", "Bearer " + token, null).status());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(401, send("GET", "/api/2.0/database/instances", "Bearer " + token, null).status());
  }

  @Test void theListingPagesWithPageSizeAndNextPageTokenUntilTheTokenIsGone() throws Exception {
    final List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      final Answer page = get("/api/2.0/database/instances?page_size=3"
          + (token == null ? "" : "&page_token=" + token));
      assertEquals(200, page.status());
      page.body().get("database_instances").forEach(i -> names.add(i.get("name").asText()));
      token = page.body().has("next_page_token") ? page.body().get("next_page_token").asText() : null;
      pages++;
    } while (token != null);
    assertEquals(3, pages);
    assertEquals(sim().instances().stream().map(DatabaseInstance::name).toList(), names);
    assertEquals(7, names.size());
  }

  @Test void anInstanceCarriesTheSdksFields() throws Exception {
    final JsonNode instance = get("/api/2.0/database/instances/" + DatabricksDataset.DEMO_INSTANCE).body();
    assertEquals(DatabricksDataset.DEMO_INSTANCE, instance.get("name").asText());
    assertEquals("AVAILABLE", instance.get("state").asText());
    for (String field : List.of("uid", "creator", "creation_time", "pg_version", "capacity",
        "effective_capacity", "read_write_dns", "effective_stopped", "effective_node_count",
        "effective_retention_window_in_days")) {
      assertTrue(instance.has(field), field);
    }
    assertTrue(get("/api/2.0/database/instances/staging-lakebase").body().get("effective_stopped").asBoolean());
  }

  @Test void pageSizesAbove100AndForgedPageTokensAreInvalidParameterValues() throws Exception {
    final Answer tooBig = get("/api/2.0/database/instances?page_size=101");
    assertEquals(400, tooBig.status());
    assertEquals("INVALID_PARAMETER_VALUE", tooBig.errorCode());
    assertEquals(200, get("/api/2.0/database/instances?page_size=100").status());
    final Answer forged = get("/api/2.0/database/instances?page_token=not-a-token");
    assertEquals(400, forged.status());
    assertEquals("INVALID_PARAMETER_VALUE", forged.errorCode());
  }

  @Test void anUnknownInstanceIs404ResourceDoesNotExist() throws Exception {
    final Answer answer = get("/api/2.0/database/instances/no-such-instance");
    assertEquals(404, answer.status());
    assertEquals("RESOURCE_DOES_NOT_EXIST", answer.errorCode());
    assertTrue(answer.body().get("message").asText().contains("no-such-instance"));
    assertEquals("type.googleapis.com/google.rpc.RequestInfo",
        answer.body().get("details").get(0).get("@type").asText());
  }

  @Test void aPostgresCredentialIsAJwtThatExpiresWhenTheTtlEnds() throws Exception {
    final Answer answer = post("/api/2.0/postgres/credentials",
        "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\", \"ttl\": \"900s\"}");
    assertEquals(200, answer.status());
    assertEquals(START.plusSeconds(900), Instant.parse(answer.body().get("expire_time").asText()));
    final String token = answer.body().get("token").asText();
    assertEquals(DatabricksDataset.DEMO_ENDPOINT, jwtClaims(token).get("aud").asText());
    final IssuedCredential issued = sim().credential(token).orElseThrow();
    assertEquals(DatabricksApiTransformer.TOKEN_USER, issued.principal());
    assertTrue(issued.isValidAt(START.plusSeconds(899)));
    assertFalse(issued.isValidAt(START.plusSeconds(900)));
  }

  @Test void withoutTtlOrExpireTimeACredentialLastsAnHourAndExpireTimeIsHonoured() throws Exception {
    final Answer hour = post("/api/2.0/postgres/credentials", "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\"}");
    assertEquals(START.plusSeconds(3600), Instant.parse(hour.body().get("expire_time").asText()));
    final Answer at = post("/api/2.0/postgres/credentials", "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT
        + "\", \"expire_time\": \"2026-09-01T12:30:00Z\"}");
    assertEquals(Instant.parse("2026-09-01T12:30:00Z"), Instant.parse(at.body().get("expire_time").asText()));
    final Answer tooSoon = post("/api/2.0/postgres/credentials", "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT
        + "\", \"expire_time\": \"2026-09-01T12:04:00Z\"}");
    assertEquals(400, tooSoon.status());
    assertEquals("INVALID_PARAMETER_VALUE", tooSoon.errorCode());
  }

  @Test void aTtlOutsideFiveMinutesToAnHourIsAnInvalidParameterValue() throws Exception {
    for (String ttl : List.of("299s", "3601s", "15m", "")) {
      final Answer answer = post("/api/2.0/postgres/credentials",
          "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\", \"ttl\": \"" + ttl + "\"}");
      assertEquals(400, answer.status(), ttl);
      assertEquals("INVALID_PARAMETER_VALUE", answer.errorCode(), ttl);
    }
    assertEquals(200, post("/api/2.0/postgres/credentials",
        "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\", \"ttl\": \"300s\"}").status());
    assertEquals(200, post("/api/2.0/postgres/credentials",
        "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\", \"ttl\": \"3600s\"}").status());
  }

  @Test void theEndpointMustBeAnEndpointNameOfThisWorkspace() throws Exception {
    final Answer missing = post("/api/2.0/postgres/credentials", "{\"ttl\": \"900s\"}");
    assertEquals(400, missing.status());
    assertEquals("INVALID_PARAMETER_VALUE", missing.errorCode());
    final Answer malformed = post("/api/2.0/postgres/credentials", "{\"endpoint\": \"projects/p/endpoints/e\"}");
    assertEquals(400, malformed.status());
    assertEquals("INVALID_PARAMETER_VALUE", malformed.errorCode());
    final Answer unknown = post("/api/2.0/postgres/credentials",
        "{\"endpoint\": \"projects/p/branches/b/endpoints/nope\"}");
    assertEquals(404, unknown.status());
    assertEquals("NOT_FOUND", unknown.errorCode());
    assertTrue(sim().credentials().isEmpty());
  }

  @Test void claimsAreAListOfReadOnlyPermissionSets() throws Exception {
    final String endpoint = "\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\"";
    assertEquals(200, post("/api/2.0/postgres/credentials", "{" + endpoint
        + ", \"claims\": [{\"permission_set\": \"READ_ONLY\", \"resources\": [{\"table_name\": \"main.sales.orders\"}]}]}").status());
    final Answer text = post("/api/2.0/postgres/credentials", "{" + endpoint + ", \"claims\": \"[]\"}");
    assertEquals(400, text.status());
    assertEquals("INVALID_PARAMETER_VALUE", text.errorCode());
    assertEquals(400, post("/api/2.0/postgres/credentials", "{" + endpoint
        + ", \"claims\": [{\"permission_set\": \"WRITE\"}]}").status());
  }

  @Test void aDatabaseCredentialNeedsInstanceNamesOrClaimsOfKnownInstances() throws Exception {
    final Answer neither = post("/api/2.0/database/credentials", "{\"request_id\": \"r-1\"}");
    assertEquals(400, neither.status());
    assertEquals("INVALID_PARAMETER_VALUE", neither.errorCode());
    assertEquals("At least one of instance_names or claims must be specified.", neither.body().get("message").asText());
    final Answer unknown = post("/api/2.0/database/credentials", "{\"instance_names\": [\"nope\"]}");
    assertEquals(404, unknown.status());
    assertEquals("RESOURCE_DOES_NOT_EXIST", unknown.errorCode());
    final Answer ok = post("/api/2.0/database/credentials",
        "{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE + "\"]}");
    assertEquals(200, ok.status());
    assertEquals(START.plusSeconds(3600), Instant.parse(ok.body().get("expiration_time").asText()));
    assertEquals(List.of(DatabricksDataset.DEMO_INSTANCE),
        sim().credential(ok.body().get("token").asText()).orElseThrow().instances());
  }

  @Test void theSameRequestIdGetsTheSameDatabaseCredential() throws Exception {
    final String body = "{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE + "\"], \"request_id\": \"9f1c\"}";
    final String first = post("/api/2.0/database/credentials", body).body().get("token").asText();
    assertEquals(first, post("/api/2.0/database/credentials", body).body().get("token").asText());
    assertNotEquals(first, post("/api/2.0/database/credentials",
        "{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE + "\"]}").body().get("token").asText());
  }

  @Test void unknownPathsAndUnreadableBodiesGetDatabricksErrors() throws Exception {
    final Answer unknown = get("/api/2.0/database/things");
    assertEquals(404, unknown.status());
    assertEquals("ENDPOINT_NOT_FOUND", unknown.errorCode());
    assertEquals(404, send("DELETE", "/api/2.0/postgres/credentials", "Bearer " + PAT, null).status());
    final Answer malformed = post("/api/2.0/database/credentials", "{not json");
    assertEquals(400, malformed.status());
    assertEquals("MALFORMED_REQUEST", malformed.errorCode());
  }

  @Test void theJournalRecordsTokenRequestsToo() throws Exception {
    oauthToken();
    get("/api/2.0/database/instances");
    assertEquals(2, sim().requestCount());
    assertEquals(1, sim().tokenRequestCount());
    assertEquals("/oidc/v1/token", sim().requests().get(0).getUrl());
  }
}
