package io.credql.statement;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.credql.jdbc.QueryRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CREATE/DROP VIEW kept for the user across connections, and materialized views held by the connection. */
class ViewsTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
  @TempDir Path views;

  @BeforeEach void stubs() {
    widgets("[{\"name\":\"w1\",\"size\":1},{\"name\":\"w2\",\"size\":2},{\"name\":\"w3\",\"size\":3}]");
  }

  private static void widgets(String body) {
    api.stubFor(get(urlPathEqualTo("/v1/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private Connection connect(String views) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.getPort() + "/v1;views=" + views);
  }

  private static List<List<String>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test void aViewIsKeptForTheUserAndWorksInTheNextConnection() throws SQLException, IOException {
    try (Connection c = connect(views.toString())) {
      run(c, "CREATE VIEW big_widgets AS SELECT name, size FROM acme.things.widgets WHERE size > 1");
      assertEquals(List.of(List.of("w2", "2"), List.of("w3", "3")),
          query(c, "SELECT * FROM big_widgets ORDER BY name"));
    }
    final Path file = views.resolve("big_widgets.sql");
    assertTrue(Files.readString(file).contains("acme.things.widgets"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Connection c = connect(views.toString())) {
      assertEquals(List.of(List.of("w3")), query(c, "SELECT name FROM BIG_WIDGETS WHERE size = 3"));
      run(c, "DROP VIEW big_widgets");
    }
    assertFalse(Files.exists(file));
    try (Connection c = connect(views.toString())) {
      final SQLException gone = assertThrows(SQLException.class,
          () -> query(c, "SELECT * FROM big_widgets"));
      assertTrue(gone.getMessage().contains("big_widgets"), gone.getMessage());
    }
  }

  @Test void withViewsInMemoryAViewLastsOnlyAsLongAsItsConnection() throws SQLException {
    try (Connection c = connect("memory")) {
      run(c, "CREATE VIEW small AS SELECT name FROM acme.things.widgets WHERE size = 1");
      assertEquals(List.of(List.of("w1")), query(c, "SELECT * FROM small"));
      // StackQL's createview.md: a view's query uses SQLite's functions (split_part)
      run(c, "CREATE VIEW numbered AS SELECT split_part(name, 'w', 2) AS number FROM acme.things.widgets"
          + " WHERE size = 1");
      assertEquals(List.of(List.of("1")), query(c, "SELECT number FROM numbered"));
    }
    try (Connection c = connect("memory")) {
      assertThrows(SQLException.class, () -> query(c, "SELECT * FROM small"));
    }
  }

  @Test void creatingAnExistingViewSaysToReplaceItAndDroppingAMissingOneSaysIfExists() throws SQLException {
    try (Connection c = connect(views.toString())) {
      run(c, "CREATE VIEW v AS SELECT name FROM acme.things.widgets");
      final SQLException twice = assertThrows(SQLException.class,
          () -> run(c, "CREATE VIEW v AS SELECT size FROM acme.things.widgets"));
      assertTrue(twice.getMessage().contains("view v exists already; use CREATE OR REPLACE VIEW v"),
          twice.getMessage());
      run(c, "CREATE OR REPLACE VIEW v AS SELECT size FROM acme.things.widgets WHERE size = 2");
      assertEquals(List.of(List.of("2")), query(c, "SELECT * FROM v"));
      run(c, "DROP VIEW v");
      run(c, "DROP VIEW IF EXISTS v");
      final SQLException missing = assertThrows(SQLException.class, () -> run(c, "DROP VIEW v"));
      assertTrue(missing.getMessage().contains("there is no view v; DROP VIEW IF EXISTS v"),
          missing.getMessage());
      final SQLException provider = assertThrows(SQLException.class,
          () -> run(c, "CREATE VIEW acme AS SELECT 1 AS n"));
      assertTrue(provider.getMessage().contains("the name of a provider"), provider.getMessage());
    }
  }

  @Test void aViewsPropertyThatIsNeitherHomeMemoryNorADirectoryIsRefusedAtConnect() {
    final SQLException e = assertThrows(SQLException.class, () -> connect("some/where").close());
    assertTrue(e.getMessage().contains("property views must be home (views are kept in $HOME/.credql/views),"
        + " memory (views last as long as the connection) or an absolute directory, not 'some/where'"),
        e.getMessage());
  }

  @Test void aMaterializedViewKeepsItsRowsUntilRefreshedAndIsNeverWrittenToDisk() throws SQLException {
    try (Connection c = connect(views.toString())) {
      run(c, "CREATE MATERIALIZED VIEW sizes AS SELECT name, size FROM acme.things.widgets");
      widgets("[{\"name\":\"w9\",\"size\":9}]");
      assertEquals(List.of(List.of("w1", "1"), List.of("w2", "2"), List.of("w3", "3")),
          query(c, "SELECT * FROM sizes ORDER BY name"));
      assertEquals(List.of(List.of("6")), query(c, "SELECT SUM(size) FROM sizes"));
      api.verify(1, getRequestedFor(urlPathEqualTo("/v1/widgets")));
      run(c, "REFRESH MATERIALIZED VIEW sizes");
      assertEquals(List.of(List.of("w9", "9")), query(c, "SELECT * FROM sizes"));
      run(c, "CREATE MATERIALIZED VIEW IF NOT EXISTS sizes AS SELECT 1 AS n");
      assertEquals(List.of(List.of("w9", "9")), query(c, "SELECT * FROM sizes"));
      run(c, "DROP MATERIALIZED VIEW sizes");
      final SQLException refresh = assertThrows(SQLException.class,
          () -> run(c, "REFRESH MATERIALIZED VIEW sizes"));
      assertTrue(refresh.getMessage().contains("there is no materialized view sizes"), refresh.getMessage());
    }
    assertFalse(Files.exists(views.resolve("sizes.sql")));
  }
}
