package io.credql.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.call.JsonPaths;
import io.credql.redact.Redactor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Render through credql's JDBC driver, against the simulator: what a user of the bundled
 * {@code render.postgres} resources sees. Surefire sets {@code RENDER_API_KEY} to {@link #KEY}.
 */
class RenderJdbcTest {
  private static final String KEY = "test-render-api-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Instances besides the demo ones, so the listing spans three pages of 20. */
  private static final int EXTRA_INSTANCES = 42;
  private static final String ORDERS = RenderDataset.ORDERS_PROD;
  private static final String USERS = "/v1/postgres/[^/]+/credentials";
  private static final String A_USER = "/v1/postgres/[^/]+/credentials/.+";

  private static RenderSimulator sim;

  @BeforeAll static void start() {
    final List<PostgresInstance> instances = new ArrayList<>(RenderDataset.demo().instances());
    for (int i = 0; i < EXTRA_INSTANCES; i++) {
      instances.add(PostgresInstance.builder(String.format("dpg-tenant%014d", i), "tenant-" + i).build());
    }
    sim = RenderSimulator.builder().apiKey(KEY).dataset(RenderDataset.of(instances)).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forgetRequests() {
    sim.resetRequests();
  }

  /** A database of its own for a test that changes users, so tests do not depend on each other's order. */
  private static String freshInstance(String name, String... usernames) {
    final String id = String.format("dpg-%-20s", name).replace(' ', '0');
    final List<PostgresUser> users = new ArrayList<>();
    for (String username : usernames) {
      users.add(PostgresUser.of(username, Instant.parse("2025-01-15T10:30:00Z").plusSeconds(users.size())));
    }
    sim.putInstance(PostgresInstance.builder(id, name).databaseUser(usernames[0]).users(users).build());
    return id;
  }

  private static Connection connect() throws SQLException {
    return connect(sim, "");
  }

  private static Connection connect(RenderSimulator simulator, String more) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.render=" + simulator.baseUrl() + more);
  }

  private static List<Map<String, String>> query(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
    final ResultSetMetaData meta = rs.getMetaData();
    final List<Map<String, String>> rows = new ArrayList<>();
    while (rs.next()) {
      final Map<String, String> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnLabel(i), rs.getString(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> column(List<Map<String, String>> rows, String name) {
    return rows.stream().map(row -> row.get(name)).toList();
  }

  private static int update(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static SQLException failure(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        if (s.execute(sql)) {
          rows(s.getResultSet());
        }
      }
    });
  }

  private static List<String> usernames(String id) {
    return sim.users(id).stream().map(PostgresUser::username).toList();
  }

  @Test void aListingAcrossPagesReturnsEveryInstanceOnceFollowingTheLastItemsCursor() throws SQLException {
    final List<String> ids = column(query("SELECT id, name FROM render.postgres.instances"), "id");
    assertEquals(sim.instances().stream().map(PostgresInstance::id).toList(), ids);
    assertTrue(ids.size() > 40 && ids.size() < 60, "other tests add a few instances: " + ids.size());
    // pages of 20, 20 and the rest, then the empty page that ends a cursor listing
    assertEquals(4, sim.requestCount("GET", "/v1/postgres"));
    final List<String> cursors = sim.requests().stream().map(r -> r.queryParameter("cursor"))
        .map(p -> p.isPresent() ? p.firstValue() : null).toList();
    assertNull(cursors.get(0));
    assertEquals(RenderApiTransformer.cursor(ids.get(19)), cursors.get(1));
    assertEquals(RenderApiTransformer.cursor(ids.get(39)), cursors.get(2));
    assertEquals(RenderApiTransformer.cursor(ids.get(ids.size() - 1)), cursors.get(3));
  }

  @Test void theDocumentsCursorPathReadsTheLastItemsCursorAndNothingFromAnEmptyPage() throws Exception {
    final JsonNode page = JSON.readTree("[{\"cursor\": \"a\", \"postgres\": {}}, {\"cursor\": \"b\", \"postgres\": {}}]");
    assertEquals("b", JsonPaths.read(page, "$[-1].cursor").asText());
    assertNull(JsonPaths.read(JSON.readTree("[]"), "$[-1].cursor"));
  }

  @Test void limitFiveMakesExactlyOneRequest() throws SQLException {
    assertEquals(5, query("SELECT id FROM render.postgres.instances LIMIT 5").size());
    assertEquals(1, sim.requestCount());
  }

  @Test void aFilterOnRegionIsSentToRender() throws SQLException {
    final List<Map<String, String>> rows = query(
        "SELECT id, region FROM render.postgres.instances WHERE region = 'frankfurt'");
    assertEquals(List.of(RenderDataset.ANALYTICS), column(rows, "id"));
    assertEquals("frankfurt", sim.requests().get(0).queryParameter("region").firstValue());
  }

  @Test void aGetByPostgresIdReturnsThatInstance() throws SQLException {
    final List<Map<String, String>> rows = query("SELECT id, name, status, region, suspended, databaseUser"
        + " FROM render.postgres.instances WHERE postgresId = '" + ORDERS + "'");
    assertEquals(1, rows.size());
    assertEquals(Map.of("id", ORDERS, "name", "orders-prod", "status", "available", "region", "oregon",
        "suspended", "not_suspended", "databaseUser", "orders_user"), rows.get(0));
    assertEquals(1, sim.requestCount("GET", "/v1/postgres/" + ORDERS));
  }

  @Test void anUnknownInstanceHasNoRows() throws SQLException {
    assertEquals(List.of(), query("SELECT name FROM render.postgres.instances WHERE postgresId = 'dpg-nothere'"));
  }

  @Test void everyColumnOfAnInstanceCanBeSelected() throws SQLException {
    final List<Map<String, String>> rows = query("SELECT * FROM render.postgres.instances"
        + " WHERE postgresId = '" + RenderDataset.STAGING + "'");
    assertEquals(1, rows.size());
    assertEquals("suspended", rows.get(0).get("suspended"));
    assertEquals("[\"user\"]", rows.get(0).get("suspenders"));
    assertEquals(RenderDataset.STAGING, rows.get(0).get("postgresId"));
  }

  @Test void theUsersOfAnInstanceShowWhichIsTheDefault() throws SQLException {
    final List<Map<String, String>> rows = query("SELECT username, \"default\", openConnections, createdAt"
        + " FROM render.postgres.credentials WHERE postgresId = '" + ORDERS + "'");
    assertEquals(List.of("orders_user", "orders_user_v2"), column(rows, "username"));
    assertEquals(List.of("false", "true"), column(rows, "default"));
    assertEquals(List.of("0", "4"), column(rows, "openConnections"));
  }

  @Test void usersWithoutAPostgresIdAreAnErrorNamingItAndNothingIsSent() {
    final SQLException e = failure("SELECT username FROM render.postgres.credentials");
    assertTrue(e.getMessage().contains("postgresId"), e.getMessage());
    assertTrue(e.getMessage().contains("SHOW METHODS IN render.postgres.credentials"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void showMethodsListsWhatEachVerbNeeds() throws SQLException {
    final Map<String, String> required = new LinkedHashMap<>();
    final Map<String, String> verbs = new LinkedHashMap<>();
    for (Map<String, String> row : query("SHOW METHODS IN render.postgres.credentials")) {
      required.put(row.get("MethodName"), row.get("RequiredParams"));
      verbs.put(row.get("MethodName"), row.get("SQLVerb"));
    }
    assertEquals("postgresId", required.get("listPostgresUsers"));
    assertEquals("postgresId, username", required.get("createPostgresUser"));
    assertEquals("postgresId, username", required.get("deletePostgresUser"));
    assertEquals("SELECT", verbs.get("listPostgresUsers"));
    assertEquals("INSERT", verbs.get("createPostgresUser"));
    assertEquals("DELETE", verbs.get("deletePostgresUser"));
  }

  @Test void anInsertedUserBecomesTheDefaultAndConnectionInfoCarriesItsPassword() throws SQLException {
    final String id = freshInstance("insertdb", "app_user");
    assertEquals(1, update("INSERT INTO render.postgres.credentials (postgresId, username)"
        + " VALUES ('" + id + "', 'app_user_v2')"));
    assertEquals(1, sim.requestCount("POST", USERS));
    assertEquals("{\"username\":\"app_user_v2\"}", sim.requests().get(0).getBodyAsString());

    final List<Map<String, String>> users = query(
        "SELECT username, \"default\" FROM render.postgres.credentials WHERE postgresId = '" + id + "'");
    assertEquals(List.of("app_user", "app_user_v2"), column(users, "username"));
    assertEquals(List.of("false", "true"), column(users, "default"));

    final Map<String, String> info = query("SELECT password, externalConnectionString, psqlCommand"
        + " FROM render.postgres.connection_info WHERE postgresId = '" + id + "'").get(0);
    final String password = sim.defaultUser(id).password();
    assertEquals(password, info.get("password"));
    assertTrue(info.get("externalConnectionString").startsWith("postgresql://app_user_v2:" + password + "@"),
        info.get("externalConnectionString"));
  }

  @Test void anInsertReportsRendersAcceptanceAsOneAffectedRowThoughTheResponseIsEmpty() throws SQLException {
    final String id = freshInstance("acceptdb", "app_user");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertFalse(s.execute("INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('"
          + id + "', 'v2'), ('" + id + "', 'v3')"));
      assertEquals(2, s.getUpdateCount());
    }
    assertEquals("v3", sim.defaultUser(id).username());
  }

  @Test void deletingAPreviousUserRemovesIt() throws SQLException {
    final String id = freshInstance("deletedb", "app_user", "app_user_v2");
    assertEquals(1, update("DELETE FROM render.postgres.credentials WHERE postgresId = '" + id
        + "' AND username = 'app_user'"));
    assertEquals(List.of("app_user_v2"), usernames(id));
    assertEquals(1, sim.requestCount("DELETE", "/v1/postgres/" + id + "/credentials/app_user"));
  }

  @Test void deletingTheDefaultUserIsRefusedBeforeSendingWithRendersExplanation() {
    final String id = freshInstance("defaultdb", "app_user", "app_user_v2");
    final SQLException e = failure("DELETE FROM render.postgres.credentials WHERE postgresId = '" + id
        + "' AND username = 'app_user_v2'");
    assertTrue(e.getMessage().contains("app_user_v2 is the current default user of " + id), e.getMessage());
    assertTrue(e.getMessage().contains("You can't delete your database's current default user. To perform a"
        + " credential rotation involving the default user, first create a new user to make it the new"
        + " default. You can then delete the previous default user"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    // the rule read the user list; the deletion itself never left the client
    assertEquals(0, sim.requestCount("DELETE", A_USER));
    assertEquals(1, sim.requestCount("GET", USERS));
    assertEquals(1, sim.requestCount());
    assertEquals(List.of("app_user", "app_user_v2"), usernames(id));
  }

  @Test void theDefaultUsersRuleAlsoGuardsExec() {
    final String id = freshInstance("execdb", "app_user");
    final SQLException e = failure("EXEC render.postgres.credentials.deletePostgresUser @postgresId = '" + id
        + "', @username = 'app_user'");
    assertTrue(e.getMessage().contains("You can't delete your database's current default user"), e.getMessage());
    assertEquals(0, sim.requestCount("DELETE", A_USER));
  }

  @Test void deletingAnUnknownUserCarriesRendersNotFoundCodeAndMessage() {
    final SQLException e = failure("DELETE FROM render.postgres.credentials WHERE postgresId = '" + ORDERS
        + "' AND username = 'nobody'");
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("[not_found] Unable to find the requested resource."), e.getMessage());
    assertTrue(e.getMessage().contains("render.postgres.credentials.deletePostgresUser"), e.getMessage());
  }

  @Test void anInvalidUsernameCarriesRendersBadRequestAndChangesNothing() {
    final String id = freshInstance("invaliddb", "app_user");
    final SQLException e = failure("INSERT INTO render.postgres.credentials (postgresId, username)"
        + " VALUES ('" + id + "', 'has space')");
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains("[bad_request] username must start with a letter"), e.getMessage());
    assertEquals(List.of("app_user"), usernames(id));
    // a mutation is sent once, never retried
    assertEquals(1, sim.requestCount("POST", USERS));
  }

  @Test void anInsertWithoutAUsernameIsRefusedBeforeSending() {
    final SQLException e = failure("INSERT INTO render.postgres.credentials (postgresId) VALUES ('" + ORDERS + "')");
    assertTrue(e.getMessage().contains("username"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aDryRunShowsTheRequestsAndSendsNothingNotEvenTheRulesRead() throws SQLException {
    final String id = freshInstance("drydb", "app_user", "app_user_v2");
    try (Connection c = connect(sim, ";dryRun=true"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("INSERT INTO render.postgres.credentials (postgresId, username)"
          + " VALUES ('" + id + "', 'app_user_v3')")) {
        assertEquals(List.of(Map.of("method", "POST", "url", sim.baseUrl() + "/postgres/" + id + "/credentials",
            "body", "{\"username\":\"app_user_v3\"}")), rows(rs));
      }
      // the default user's rule needs the user list, which a dry run does not read
      try (ResultSet rs = s.executeQuery("DELETE FROM render.postgres.credentials WHERE postgresId = '"
          + id + "' AND username = 'app_user_v2'")) {
        final List<Map<String, String>> rows = rows(rs);
        assertEquals("DELETE", rows.get(0).get("method"));
        assertEquals(sim.baseUrl() + "/postgres/" + id + "/credentials/app_user_v2", rows.get(0).get("url"));
      }
    }
    assertEquals(0, sim.requestCount());
    assertEquals(List.of("app_user", "app_user_v2"), usernames(id));
  }

  @Test void aWrongApiKeyIsReportedAs401UnauthorizedWithoutTheKey() throws SQLException {
    try (RenderSimulator other = RenderSimulator.builder().apiKey("rnd_the-key-render-expects")
        .dataset(RenderDataset.demo()).build().start()) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (Connection c = connect(other, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM render.postgres.instances")) {
          rows(rs);
        }
      });
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertTrue(e.getMessage().contains("[unauthorized] Authorization information is missing or invalid."),
          e.getMessage());
      assertTrue(e.getMessage().contains("RENDER_API_KEY"), e.getMessage());
      assertFalse(e.getMessage().contains(KEY), e.getMessage());
      assertEquals(1, other.requestCount(), "an authentication failure is not retried");
    }
  }

  @Test void withoutItsApiKeyNothingIsSentAndTheErrorNamesTheVariable() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(sim, ";auth={\"render\": {\"type\": \"bearer\", \"credentialsenvvar\":"
          + " \"RENDER_API_KEY_NOT_SET_IN_THIS_TEST\"}}"); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id FROM render.postgres.instances")) {
        rows(rs);
      }
    });
    assertTrue(e.getMessage().contains("RENDER_API_KEY_NOT_SET_IN_THIS_TEST"), e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  @Test void aThrottledCreationReportsRateLimitedAndIsNotRetried() throws SQLException {
    final long now = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
    try (RenderSimulator throttled = RenderSimulator.builder().apiKey(KEY).dataset(RenderDataset.demo())
        .rateLimits(400, 1).clock(() -> now).build().start();
         Connection c = connect(throttled, ""); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO render.postgres.credentials (postgresId, username)"
          + " VALUES ('" + ORDERS + "', 'first_user')"));
      final SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO render.postgres.credentials (postgresId, username) VALUES ('" + ORDERS + "', 'second_user')"));
      assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
      assertTrue(e.getMessage().contains("[rate_limited]"), e.getMessage());
      assertEquals(2, throttled.requestCount("POST", USERS));
      assertEquals("first_user", throttled.defaultUser(ORDERS).username());
    }
  }

  @Test void connectionInfoSecretsAreMaskedWhereverTheEngineMasks() throws Exception {
    final String body = RenderJson.connectionInfo(sim.instance(RenderDataset.ANALYTICS).orElseThrow()).toString();
    final JsonNode info = JSON.readTree(body);
    final String password = info.get("password").asText();
    final Redactor redactor = new Redactor();
    redactor.registerSensitiveValues(info);
    final JsonNode masked = redactor.mask(info);
    info.fieldNames().forEachRemaining(field -> {
      assertFalse(masked.get(field).asText().contains(password), field + ": " + masked.get(field));
    });
    assertFalse(redactor.redact(body).contains(password));
    for (String field : new String[] {"password", "internalConnectionString", "externalConnectionString",
        "psqlCommand"}) {
      assertTrue(Redactor.isSensitiveName(field), field);
    }
  }
}
