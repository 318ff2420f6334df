package io.credql.linode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linode through credql's JDBC driver, against the simulator: what a user of the bundled
 * {@code linode.databases} resources sees. Surefire sets {@code LINODE_TOKEN} to {@link #TOKEN}.
 */
class LinodeJdbcTest {
  private static final String TOKEN = "test-linode-token";
  /** PostgreSQL databases besides the demo ones, so the listing spans three pages of 100. */
  private static final int EXTRA_POSTGRES = 230;

  private static LinodeSimulator sim;

  @BeforeAll static void start() {
    final List<ManagedDatabase> databases = new ArrayList<>(LinodeDataset.demo().databases());
    for (int i = 0; i < EXTRA_POSTGRES; i++) {
      databases.add(ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 1000 + i, "tenant-" + i).build());
    }
    sim = LinodeSimulator.builder().token(TOKEN).dataset(LinodeDataset.of(databases)).build().start();
  }

  @AfterAll static void stop() {
    sim.close();
  }

  @BeforeEach void forgetRequests() {
    sim.resetRequests();
  }

  private static Connection connect() throws SQLException {
    return connect(sim, "");
  }

  private static Connection connect(LinodeSimulator simulator, String more) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:baseUrl.linode=" + simulator.baseUrl() + more);
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    final List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(name));
    }
    return values;
  }

  private static List<String> query(String sql, String column) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return column(rs, column);
    }
  }

  @Test void aListingAcrossThreePagesReturnsEveryDatabaseOnce() throws SQLException {
    final List<String> ids = query("SELECT id, label FROM linode.databases.postgresql_instances", "id");
    final List<String> expected = sim.databases(DatabaseEngine.POSTGRESQL).stream()
        .map(db -> Long.toString(db.id())).collect(Collectors.toList());
    assertEquals(4 + EXTRA_POSTGRES, ids.size());
    assertEquals(expected, ids);
    assertEquals(3, sim.requestCount("/v4/databases/postgresql/instances"));
  }

  @Test void limitFiveOnAThreePageListingMakesExactlyOneRequest() throws SQLException {
    assertEquals(5, query("SELECT id FROM linode.databases.postgresql_instances LIMIT 5", "id").size());
    assertEquals(1, sim.requestCount());
  }

  @Test void aGetByIdReturnsThatDatabase() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT id, label, status, port, region FROM linode.databases.postgresql_instances WHERE instanceId = 123")) {
      assertTrue(rs.next());
      assertEquals(123L, rs.getLong("id"));
      assertEquals("orders-prod", rs.getString("label"));
      assertEquals("active", rs.getString("status"));
      assertEquals(5432, rs.getInt("port"));
      assertFalse(rs.next());
    }
    assertEquals(1, sim.requestCount("/v4/databases/postgresql/instances/123"));
  }

  @Test void credentialsOfThreeDatabasesInAnInListTakeThreeCalls() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT instanceId, username, password FROM linode.databases.postgresql_instances_credentials"
            + " WHERE instanceId IN (123, 124, 1000)")) {
      final List<String> rows = new ArrayList<>();
      while (rs.next()) {
        final long id = rs.getLong("instanceId");
        assertEquals(sim.username(DatabaseEngine.POSTGRESQL, id), rs.getString("username"));
        assertEquals(sim.password(DatabaseEngine.POSTGRESQL, id), rs.getString("password"));
        rows.add(Long.toString(id));
      }
      rows.sort(Comparator.comparingLong(Long::parseLong));
      assertEquals(List.of("123", "124", "1000"), rows);
    }
    assertEquals(3, sim.requestCount("/v4/databases/postgresql/instances/[0-9]+/credentials"));
    assertEquals(3, sim.requestCount());
  }

  @Test void aPreparedStatementParameterChoosesTheDatabase() throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = ?")) {
      for (long id : new long[] {123, 124}) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of(sim.password(DatabaseEngine.POSTGRESQL, id)), column(rs, "password"));
        }
      }
    }
    assertEquals(2, sim.requestCount());
  }

  @Test void credentialsWithoutAnInstanceIdAreAnErrorSayingWhatIsMissingAndNothingIsSent() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT username, password FROM linode.databases.postgresql_instances_credentials"));
      assertTrue(e.getMessage().contains("linode.databases.postgresql_instances_credentials"), e.getMessage());
      assertTrue(e.getMessage().contains("instanceId"), e.getMessage());
      assertTrue(e.getMessage().contains("SHOW METHODS IN linode.databases.postgresql_instances_credentials"),
          e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test void aWrongTokenIsReportedAsHttp401InvalidToken() throws SQLException {
    try (LinodeSimulator other = LinodeSimulator.builder().token("the-token-linode-expects")
        .dataset(LinodeDataset.demo()).build().start();
         Connection c = connect(other, ""); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> column(s.executeQuery(
          "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123"),
          "username"));
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertTrue(e.getMessage().contains("Invalid Token"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
      // an authentication failure is not retried
      assertEquals(1, other.requestCount());
    }
  }

  @Test void credentialsOfASuspendedDatabaseReportHttp400AndLinodesReason() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> column(s.executeQuery(
          "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 126"),
          "password"));
      assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
      assertTrue(e.getMessage().contains("Database must be active to access its credentials; its status is suspended"),
          e.getMessage());
    }
    assertEquals(1, sim.requestCount());
  }

  @Test void aDatabaseThatTurnsActiveShowsItsCredentials() throws SQLException {
    final String sql = "SELECT username FROM linode.databases.mysql_instances_credentials WHERE instanceId = 133";
    assertThrows(SQLException.class, () -> query(sql, "username"));
    sim.setStatus(DatabaseEngine.MYSQL, 133, DatabaseStatus.ACTIVE);
    try {
      assertEquals(List.of("akmadmin"), query(sql, "username"));
    } finally {
      sim.setStatus(DatabaseEngine.MYSQL, 133, DatabaseStatus.SUSPENDED);
    }
  }

  @Test void aDatabaseThatDoesNotExistHasNoRows() throws SQLException {
    assertEquals(List.of(), query("SELECT label FROM linode.databases.postgresql_instances WHERE instanceId = 999999",
        "label"));
    // 131 is a MySQL database: Linode does not find it among the PostgreSQL ones
    assertEquals(List.of(), query("SELECT label FROM linode.databases.postgresql_instances WHERE instanceId = 131",
        "label"));
    assertEquals(2, sim.requestCount());
  }

  @Test void aThrottledQueryWaitsForTheWindowAndStillReturnsEveryRow() throws SQLException {
    final List<ManagedDatabase> databases = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      databases.add(ManagedDatabase.builder(DatabaseEngine.POSTGRESQL, 500 + i, "shard-" + i).build());
      ids.add(Integer.toString(500 + i));
    }
    try (LinodeSimulator throttled = LinodeSimulator.builder().token(TOKEN).rateLimit(5)
        .dataset(LinodeDataset.of(databases)).build().start();
         Connection c = connect(throttled, ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
             "SELECT password FROM linode.databases.postgresql_instances_credentials WHERE instanceId IN ("
                 + String.join(", ", ids) + ")")) {
      assertEquals(12, column(rs, "password").size());
      // 12 calls sent within a second or two at 5 per second: some were answered 429 and sent
      // again after Retry-After
      assertTrue(throttled.requestCount() > 12, throttled.requestCount() + " requests");
    }
  }

  @Test void aMissingTokenVariableIsNamedAndNothingIsSent() throws SQLException {
    try (Connection c = connect(sim,
        ";auth={\"linode\":{\"type\":\"bearer\",\"credentialsenvvar\":\"CREDQL_UNSET_VAR\"}}");
         Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> column(s.executeQuery(
          "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123"),
          "username"));
      assertTrue(e.getMessage().contains("CREDQL_UNSET_VAR"), e.getMessage());
    }
    assertEquals(0, sim.requestCount());
  }

  @Test void mysqlDatabasesAndTheirCredentialsWorkToo() throws SQLException {
    assertEquals(List.of("shop-catalog", "wordpress-blog", "reporting-archive"),
        query("SELECT label FROM linode.databases.mysql_instances", "label"));
    assertEquals(List.of("3306"), query("SELECT port FROM linode.databases.mysql_instances WHERE instanceId = 132",
        "port"));
    assertEquals(List.of(sim.password(DatabaseEngine.MYSQL, 131)),
        query("SELECT password FROM linode.databases.mysql_instances_credentials WHERE instanceId = 131", "password"));
    assertEquals(List.of("linroot"),
        query("SELECT username FROM linode.databases.mysql_instances_credentials WHERE instanceId = 132", "username"));
  }
}
