package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.ProviderErrorException;
import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled {@code databricks_workspace} resources through credql's JDBC driver, against the
 * simulator: what a user sees. Surefire sets {@code DATABRICKS_CLIENT_ID},
 * {@code DATABRICKS_CLIENT_SECRET} and {@code DATABRICKS_TOKEN} to the values below.
 */
class DatabricksJdbcTest {
  private static final String PAT = "test-databricks-pat";
  private static final String CLIENT_ID = "test-client-id";
  private static final String CLIENT_SECRET = "test-client-secret";
  private static final String DEPLOYMENT = "dbc-abcd0123-a1bc";
  private static final String POSTGRES = "databricks_workspace.postgres.postgres_credentials";
  private static final String DATABASE = "databricks_workspace.database.database_credentials";
  private static final String INSTANCES = "databricks_workspace.database.database_instances";
  /** Instances besides the demo ones, so the listing spans three pages of 50. */
  private static final int EXTRA_INSTANCES = 120;
  /** The seed's statement (shared/seeds/001), verbatim. */
  private static final String SEED = "EXEC databricks_workspace.postgres.postgres_credentials.generate \n"
      + "@deployment_name='{{ deployment_name }}' --required \n"
      + "@@json=\n"
      + "'{\n"
      + "\"endpoint\": \"{{ endpoint }}\", \n"
      + "\"claims\": \"{{ claims }}\"\n"
      + "}'\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DatabricksSimulator sim;

  @BeforeAll static void start() {
    final List<DatabaseInstance> instances = new ArrayList<>(DatabricksDataset.demo().instances());
    for (int i = 0; i < EXTRA_INSTANCES; i++) {
      instances.add(DatabaseInstance.available(String.format("tenant-%03d", i),
          String.format("00000000-0000-4000-8000-%012d", i), "ops@example.com",
          Instant.parse("2026-06-01T00:00:00Z")));
    }
    sim = DatabricksSimulator.builder().personalAccessToken(PAT).servicePrincipal(CLIENT_ID, CLIENT_SECRET)
        .dataset(new DatabricksDataset(instances, DatabricksDataset.demo().postgresEndpoints())).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forgetRequests() {
    sim.resetRequests();
  }

  private static Connection connect(String more) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.databricks_workspace=" + sim.baseUrl() + more);
  }

  private static List<List<String>> rows(Statement s, String sql) throws SQLException {
    return QueryRows.of(s, sql);
  }

  private static List<List<String>> query(String sql) throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      return rows(s, sql);
    }
  }

  private static String generatePostgres(String json) {
    return "EXEC " + POSTGRES + ".generate @deployment_name = '" + DEPLOYMENT + "' @@json = '" + json + "'";
  }

  private static String endpointJson(String more) {
    return "{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT + "\"" + more + "}";
  }

  private static SQLException refused(String sql, String more) {
    return assertThrows(SQLException.class, () -> {
      try (Connection c = connect(more); Statement s = c.createStatement()) {
        rows(s, sql);
      }
    });
  }

  @Test void showMethodsListsTheSeedsGenerateWithItsRequiredParameters() throws SQLException {
    final List<List<String>> methods = query("SHOW METHODS IN " + POSTGRES);
    assertEquals(1, methods.size(), methods.toString());
    assertEquals("generate", methods.get(0).get(0));
    assertTrue(methods.get(0).get(1).contains("deployment_name"), methods.toString());
    assertTrue(methods.get(0).get(1).contains("endpoint"), methods.toString());
    assertEquals("EXEC", methods.get(0).get(2));
    assertEquals(0, sim.requestCount());
  }

  @Test void selectingPostgresCredentialsSaysSelectIsNotSupported() {
    final SQLException e = refused("SELECT * FROM " + POSTGRES + " WHERE deployment_name = '" + DEPLOYMENT + "'", "");
    assertTrue(e.getMessage().contains("SELECT not supported"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void generatingAPostgresCredentialReturnsATokenAndItsExpiry() throws Exception {
    final Instant before = Instant.now();
    final List<List<String>> rows = query(generatePostgres(endpointJson(", \"ttl\": \"900s\"")));
    assertEquals(1, rows.size());
    final Instant expiry = Instant.parse(rows.get(0).get(0));
    final String token = rows.get(0).get(1);
    assertTrue(!expiry.isBefore(before.plusSeconds(899)) && expiry.isBefore(Instant.now().plusSeconds(901)),
        expiry.toString());
    final IssuedCredential issued = sim.credential(token).orElseThrow();
    assertEquals(DatabricksDataset.DEMO_ENDPOINT, issued.endpoint());
    assertEquals(CLIENT_ID, issued.principal(), "client credentials are preferred over the token");
  }

  @Test void theSeedsStatementShapeRunsWithClaimsWrittenAsJson() throws Exception {
    final String filled = SEED.replace("{{ deployment_name }}", DEPLOYMENT)
        .replace("{{ endpoint }}", DatabricksDataset.DEMO_ENDPOINT)
        .replace("\"{{ claims }}\"", "[{\"permission_set\": \"READ_ONLY\","
            + " \"resources\": [{\"table_name\": \"main.sales.orders\"}]}]");
    final List<List<String>> rows = query(filled);
    assertEquals(1, rows.size());
    assertNotNull(sim.credential(rows.get(0).get(1)).orElse(null));
    final JsonNode sent = JSON.readTree(sim.requests().get(1).getBodyAsString());
    assertEquals("READ_ONLY", sent.get("claims").get(0).get("permission_set").asText());
  }

  @Test void theSeedRunsWithItsPlaceholdersFilledAndClaimsAsJsonText() throws Exception {
    final String filled = SEED.replace("{{ deployment_name }}", DEPLOYMENT)
        .replace("{{ endpoint }}", DatabricksDataset.DEMO_ENDPOINT)
        .replace("{{ claims }}", "[]");
    final List<List<String>> rows = query(filled);
    assertEquals(1, rows.size());
    assertNotNull(sim.credential(rows.get(0).get(1)).orElse(null));
  }

  @Test void twoExecsOnOneConnectionMakeOneTokenRequest() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      rows(s, generatePostgres(endpointJson("")));
      rows(s, "EXEC " + DATABASE + ".generate @deployment_name = '" + DEPLOYMENT
          + "' @@json = '{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE + "\"]}'");
    }
    assertEquals(3, sim.requestCount());
    assertEquals(1, sim.tokenRequestCount());
    assertEquals("/oidc/v1/token", sim.requests().get(0).getUrl());
  }

  @Test void aDatabaseCredentialReturnsATokenAndItsExpirationTime() throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC " + DATABASE + ".generate @deployment_name = '" + DEPLOYMENT
             + "' @@json = '{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE + "\"]}'")) {
      assertEquals("expiration_time", rs.getMetaData().getColumnLabel(1));
      assertEquals("token", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      final Duration left = Duration.between(Instant.now(), Instant.parse(rs.getString("expiration_time")));
      assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0 && left.compareTo(Duration.ofMinutes(61)) < 0,
          left.toString());
      assertEquals(List.of(DatabricksDataset.DEMO_INSTANCE),
          sim.credential(rs.getString("token")).orElseThrow().instances());
    }
  }

  @Test void theListingReadsEveryPageOnce() throws SQLException {
    final List<List<String>> rows = query("SELECT name FROM " + INSTANCES
        + " WHERE deployment_name = '" + DEPLOYMENT + "'");
    assertEquals(sim.instances().stream().map(i -> List.of(i.name())).toList(), rows);
    assertEquals(3 + EXTRA_INSTANCES, rows.size());
    assertEquals(3, sim.requestCount("/api/2.0/database/instances"));
  }

  @Test void aPageSizeInTheWhereClauseIsSentAndPagesStillFollow() throws SQLException {
    assertEquals(3 + EXTRA_INSTANCES, query("SELECT name FROM " + INSTANCES
        + " WHERE deployment_name = '" + DEPLOYMENT + "' AND page_size = 100").size());
    assertEquals(2, sim.requestCount("/api/2.0/database/instances"));
  }

  @Test void limitTwoStopsAfterTheFirstPage() throws SQLException {
    assertEquals(2, query("SELECT name FROM " + INSTANCES + " WHERE deployment_name = '" + DEPLOYMENT
        + "' LIMIT 2").size());
    assertEquals(1, sim.requestCount("/api/2.0/database/instances"));
  }

  @Test void aNameInTheWhereClauseGetsThatInstance() throws SQLException {
    final List<List<String>> rows = query("SELECT name, state, capacity, read_write_dns FROM " + INSTANCES
        + " WHERE deployment_name = '" + DEPLOYMENT + "' AND name = 'analytics-lakebase'");
    final DatabaseInstance expected = sim.instance("analytics-lakebase").orElseThrow();
    assertEquals(List.of(List.of("analytics-lakebase", "AVAILABLE", "CU_2", expected.readWriteDns())), rows);
    assertEquals(1, sim.requestCount("/api/2.0/database/instances/analytics-lakebase"));
    assertEquals(List.of(), query("SELECT name FROM " + INSTANCES + " WHERE deployment_name = '"
        + DEPLOYMENT + "' AND name = 'no-such-instance'"));
  }

  @Test void withoutADeploymentNameTheErrorNamesIt() {
    final SQLException e = refused("SELECT name FROM " + INSTANCES, "");
    assertTrue(e.getMessage().contains("deployment_name"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aDeploymentNameThatIsNotOneDnsLabelIsRefusedAndNothingIsSent() {
    final SQLException exec = refused("EXEC " + POSTGRES + ".generate @deployment_name = 'evil.com/x'"
        + " @@json = '" + endpointJson("") + "'", "");
    assertTrue(exec.getMessage().contains("single DNS label"), exec.getMessage());
    final SQLException select = refused("SELECT name FROM " + INSTANCES
        + " WHERE deployment_name = 'evil.com/x'", "");
    assertTrue(select.getMessage().contains("single DNS label"), select.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aTtlOutsideFiveMinutesToAnHourIsRefusedBeforeSending() {
    final SQLException e = refused(generatePostgres(endpointJson(", \"ttl\": \"7200s\"")), "");
    assertTrue(e.getMessage().contains("ttl must be from 300s (5 minutes) to 3600s (1 hour)"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    final SQLException endpoint = refused(generatePostgres("{\"endpoint\": \"my-endpoint\"}"), "");
    assertTrue(endpoint.getMessage().contains("projects/{project_id}/branches/{branch_id}/endpoints/{endpoint_id}"),
        endpoint.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aDatabaseCredentialForNothingIsRefusedBeforeSending() {
    final SQLException e = refused("EXEC " + DATABASE + ".generate @deployment_name = '" + DEPLOYMENT
        + "' @@json = '{\"request_id\": \"r-1\"}'", "");
    assertTrue(e.getMessage().contains("at least one of instance_names or claims"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void anUnknownEndpointReportsDatabricksCodeAndMessage() {
    final SQLException e = refused(generatePostgres(
        "{\"endpoint\": \"projects/demo-shop/branches/production/endpoints/gone\"}"), "");
    final ProviderErrorException error = assertErrorFromProvider(e);
    assertEquals(404, error.httpStatus());
    assertEquals("NOT_FOUND", error.providerCode());
    assertTrue(e.getMessage().contains("[NOT_FOUND] Endpoint 'projects/demo-shop/branches/production/endpoints/gone'"
        + " does not exist."), e.getMessage());
  }

  @Test void anUnknownInstanceReportsResourceDoesNotExist() {
    final SQLException e = refused("EXEC " + DATABASE + ".generate @deployment_name = '" + DEPLOYMENT
        + "' @@json = '{\"instance_names\": [\"gone-lakebase\"]}'", "");
    final ProviderErrorException error = assertErrorFromProvider(e);
    assertEquals("RESOURCE_DOES_NOT_EXIST", error.providerCode());
    assertTrue(e.getMessage().contains("gone-lakebase"), e.getMessage());
  }

  private static ProviderErrorException assertErrorFromProvider(SQLException e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof ProviderErrorException)) {
      cause = cause.getCause();
    }
    assertNotNull(cause, () -> "not a provider error: " + e);
    return (ProviderErrorException) cause;
  }

  @Test void aDryRunShowsTheRequestAndSendsNothingNotEvenATokenRequest() throws SQLException {
    try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement()) {
      final List<List<String>> rows = rows(s, generatePostgres(endpointJson(", \"ttl\": \"900s\"")));
      assertEquals(1, rows.size());
      assertEquals(Arrays.asList("POST", sim.baseUrl() + "/api/2.0/postgres/credentials"),
          rows.get(0).subList(0, 2));
      assertTrue(rows.get(0).get(2).contains(DatabricksDataset.DEMO_ENDPOINT), rows.get(0).get(2));
      final SQLException rule = assertThrows(SQLException.class, () -> rows(s,
          generatePostgres(endpointJson(", \"ttl\": \"60s\""))));
      assertTrue(rule.getMessage().contains("ttl must be"), rule.getMessage());
    }
    assertEquals(0, sim.requestCount());
    assertTrue(sim.credentials().stream().noneMatch(c -> c.expiresAt().isAfter(Instant.now().plusSeconds(3700))));
  }

  @Test void aPersonalAccessTokenAloneNeedsNoTokenRequest() throws SQLException {
    try (Connection c = connect(";auth={\"databricks_workspace\":{\"type\":\"databricks\","
        + "\"token_env_var\":\"DATABRICKS_TOKEN\"}}"); Statement s = c.createStatement()) {
      final String token = rows(s, generatePostgres(endpointJson(""))).get(0).get(1);
      assertEquals(DatabricksApiTransformer.TOKEN_USER, sim.credential(token).orElseThrow().principal());
    }
    assertEquals(0, sim.tokenRequestCount());
    assertEquals("Bearer " + PAT, sim.requests().get(0).getHeader("Authorization"));
  }

  @Test void withNoCredentialsTheErrorNamesTheVariablesAndNothingIsSent() {
    final SQLException e = refused(generatePostgres(endpointJson("")),
        ";auth={\"databricks_workspace\":{\"type\":\"databricks\",\"token_env_var\":\"CREDQL_UNSET_PAT\","
            + "\"client_id_env_var\":\"CREDQL_UNSET_ID\",\"client_secret_env_var\":\"CREDQL_UNSET_SECRET\"}}");
    for (String variable : List.of("CREDQL_UNSET_PAT", "CREDQL_UNSET_ID", "CREDQL_UNSET_SECRET")) {
      assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test void refusedClientCredentialsReportTheTokenEndpointsErrorAndCallNoApi() {
    final SQLException e = refused(generatePostgres(endpointJson("")),
        ";auth={\"databricks_workspace\":{\"type\":\"databricks\",\"client_id_env_var\":\"DATABRICKS_CLIENT_ID\","
            + "\"client_secret_env_var\":\"DATABRICKS_TOKEN\"}}");
    assertTrue(e.getMessage().contains("[invalid_client] Client authentication failed"), e.getMessage());
    assertFalse(e.getMessage().contains(PAT), e.getMessage());
    assertEquals(1, sim.requestCount());
    assertEquals(1, sim.tokenRequestCount());
  }

  @Test void theGeneratedTokenIsAJwtWhoseAudienceIsTheEndpoint() throws Exception {
    final String token = query(generatePostgres(endpointJson(""))).get(0).get(1);
    final String[] parts = token.split("\\.");
    assertEquals(3, parts.length);
    assertEquals(DatabricksDataset.DEMO_ENDPOINT,
        JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("aud").asText());
  }
}
