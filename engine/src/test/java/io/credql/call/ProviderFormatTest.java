package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Paths;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider written in StackQL's format uses its features and needs no engine change: snake_case
 * aliases, inputs from the environment, header defaults, every declared parameter in WHERE, XML
 * answers read by XPath, XML request bodies, slashes in resource names, and Go-template
 * transforms refused when credql cannot apply them.
 */
class ProviderFormatTest {
  @TempDir static Path auditDir;

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/format-providers").toAbsolutePath()
        + ";baseUrl.envco=http://127.0.0.1:" + api.getPort() + "/{accountName}"
        + ";auditLog=" + auditDir.resolve("audit.jsonl"));
  }

  private static void answer(String contentType, String body) {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  private static LoggedRequest onlyRequest() {
    assertEquals(1, api.getAllServeEvents().size());
    return api.getAllServeEvents().get(0).getRequest();
  }

  private static List<String> rows(String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test void camelCaseFieldsAndParametersAnswerToTheirSnakeCaseNames() throws SQLException {
    answer("application/json", "{\"items\": [{\"thingId\": 1, \"displayName\": \"one\", \"sizeInGb\": 10},"
        + " {\"thingId\": 2, \"displayName\": \"two\", \"sizeInGb\": 20}]}");
    assertEquals(List.of("2 two 20"), rows("SELECT thing_id, display_name, size_in_gb FROM envco.things.things"
        + " WHERE page_size = 50 AND display_name = 'two'"));
    final LoggedRequest request = onlyRequest();
    assertEquals("50", request.queryParameter("pageSize").firstValue());
    assertEquals("engine-test-token", request.queryParameter("key").firstValue(), "api_key in the query");
  }

  @Test void aStringOnlyFieldIsAStringColumn() throws SQLException {
    answer("application/json", "{\"items\": [{\"thingId\": 1, \"sizeInGb\": 10}]}");
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT size_in_gb FROM envco.things.things")) {
      assertEquals("VARCHAR", rs.getMetaData().getColumnTypeName(1));
      assertTrue(rs.next());
      assertEquals("10", rs.getString(1));
    }
  }

  @Test void aServerVariableTakesItsEnvironmentVariableUnlessWhereGivesOne() throws SQLException {
    answer("application/json", "{\"items\": []}");
    rows("SELECT thing_id FROM envco.things.things");
    assertTrue(onlyRequest().getUrl().startsWith("/engine-test-token/things"), onlyRequest().getUrl());
    api.resetRequests();
    rows("SELECT thing_id FROM envco.things.things WHERE account_name = 'acct-7'");
    assertTrue(onlyRequest().getUrl().startsWith("/acct-7/things"), onlyRequest().getUrl());
  }

  @Test void headerParametersGoOutWithTheirDocumentDefaults() throws SQLException {
    answer("application/json", "{\"items\": []}");
    rows("SELECT thing_id FROM envco.things.things");
    assertEquals("2024-01-01", onlyRequest().getHeader("X-Things-Version"));
    api.resetRequests();
    rows("SELECT thing_id FROM envco.things.things WHERE x_things_version = '2025-06-01'");
    assertEquals("2025-06-01", onlyRequest().getHeader("X-Things-Version"));
  }

  @Test void aHyphenatedHeaderParameterWorksAsStackqlsReferencePagesPrintIt() throws SQLException {
    answer("application/json", "{\"items\": []}");
    rows("SELECT thing_id FROM envco.things.things\nWHERE page_size = 5\nAND X-Things-Version = '2025-07-01'");
    assertEquals("2025-07-01", onlyRequest().getHeader("X-Things-Version"));
    api.resetRequests();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("EXEC envco.things.things._list \n@pageSize=5, \n@X-Things-Version='2025-08-01'");
    }
    assertEquals("2025-08-01", onlyRequest().getHeader("X-Things-Version"));
  }

  @Test void aPredicateOnAColumnThatIsAlsoAParameterStillFiltersTheRows() throws SQLException {
    answer("application/json", "{\"items\": [{\"thingId\": 1, \"colour\": \"red\"},"
        + " {\"thingId\": 2, \"colour\": \"blue\"}]}");
    assertEquals(List.of("2"), rows("SELECT thing_id FROM envco.things.things WHERE colour = 'blue'"));
    assertEquals("blue", onlyRequest().queryParameter("colour").firstValue());
  }

  @Test void aResourceNameWithSlashesFillsItsPlaceBetweenLiteralSegments() throws SQLException {
    answer("application/json", "[{\"thingId\": 3}]");
    assertEquals(List.of("3"), rows("SELECT thing_id FROM envco.things.child_things"
        + " WHERE parent = 'projects/p 1/zones/z'"));
    assertEquals("/engine-test-token/projects/p%201/zones/z/things", onlyRequest().getUrl().replaceAll("\\?.*", ""));
  }

  @Test void aResourceNameMayNotClimbOutOfItsPlace() {
    answer("application/json", "[]");
    final SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT thing_id FROM envco.things.child_things WHERE parent = 'projects/../admin'"));
    assertTrue(e.getMessage().contains("parent of envco.things.child_things.list may not be empty, '.' or '..'"),
        e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void xmlRowsFoundByAnXPathHaveTheTypesOfTheirSchema() throws SQLException {
    answer("application/xml", "<?xml version=\"1.0\"?><ListFeedsResponse xmlns=\"https://things.test/\">"
        + "<Feeds><Feed><FeedId>7</FeedId><Enabled>true</Enabled><Url>https://a.test/x?a=1&amp;b=2</Url></Feed>"
        + "<Feed><FeedId>8</FeedId><Enabled>false</Enabled><Url/></Feed></Feeds></ListFeedsResponse>");
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT feed_id, enabled, url FROM envco.things.feeds WHERE enabled")) {
      assertTrue(rs.next());
      assertEquals(7L, rs.getLong(1));
      assertTrue(rs.getBoolean(2));
      assertEquals("https://a.test/x?a=1&b=2", rs.getString(3));
      assertFalse(rs.next());
    }
  }

  @Test void anXmlDocumentTypeIsRefusedAndNeverExpanded() {
    answer("application/xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<r><Feeds><Feed><Url>&x;</Url></Feed></Feeds></r>");
    final SQLException e = assertThrows(SQLException.class, () -> rows("SELECT url FROM envco.things.feeds"));
    assertTrue(e.getMessage().contains("is not valid XML"), e.getMessage());
    assertFalse(e.getMessage().contains("root:"), e.getMessage());
  }

  @Test void aParameterTypedOtherwiseThanTheFieldOfItsNameTakesTheValueThePageShows() throws SQLException {
    answer("application/json", "{\"runs\": [{\"runId\": \"r1\", \"state\": 3, \"assigned\": 0.5}]}");
    assertEquals(List.of(), rows("SELECT run_id FROM envco.things.runs WHERE state = 'done'"));
    assertTrue(onlyRequest().getUrl().contains("/runs?state=done"), onlyRequest().getUrl());
  }

  @Test void bracketsInAPathValueArePercentEncodedSoStrictServersAcceptThePath() throws SQLException {
    answer("application/json", "{\"runId\": \"[a] b\", \"state\": 1, \"assigned\": true}");
    assertEquals(List.of("[a] b"), rows("SELECT run_id FROM envco.things.runs WHERE run_id = '[a] b'"));
    assertTrue(onlyRequest().getUrl().contains("/runs/%5Ba%5D%20b"), onlyRequest().getUrl());
  }

  @Test void aFieldTwoMethodsTypeDifferentlyShowsWhatEitherSends() throws SQLException {
    answer("application/json", "{\"runs\": [{\"runId\": \"r1\", \"state\": 3, \"assigned\": 0.5},"
        + " {\"runId\": \"r2\", \"state\": 4, \"assigned\": true}]}");
    assertEquals(List.of("r1 3 0.5", "r2 4 true"), rows("SELECT run_id, state, assigned FROM envco.things.runs"));
  }

  @Test void anUnsupportedGoTemplateIsRefusedBeforeAnythingIsSent() {
    answer("application/json", "[]");
    final SQLException e = assertThrows(SQLException.class, () -> rows("SELECT feed_id FROM envco.things.templated_feeds"));
    assertTrue(e.getMessage().contains("response transform 'golang_template_json_v0.3.0' is not supported"),
        e.getMessage());
    assertTrue(e.getMessage().contains("function upper is not supported"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void anXmlRequestBodyHasTheDeclarationTheRootAnnotationAndTheBase() throws SQLException {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO envco.things.notes (title) VALUES ('a < b')");
    }
    final LoggedRequest request = onlyRequest();
    assertEquals("application/xml", request.getHeader("Content-Type"));
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Note xmlns=\"https://things.test/doc/2024-01-01/\">"
        + "<Kind>memo</Kind><Title>a &lt; b</Title></Note>", request.getBodyAsString());
  }

  @Test void aBodyMayHoldKeysItsSchemaAllowsWithoutListingThem() throws SQLException {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("EXEC envco.things.notes.create @@json = '{\"Title\": \"t\", \"Labels\": {\"team\": \"db\"}}'");
      final SQLException wrongType = assertThrows(SQLException.class, () -> s.execute(
          "EXEC envco.things.notes.create @@json = '{\"Title\": \"t\", \"Labels\": {\"team\": 5}}'"));
      assertTrue(wrongType.getMessage().contains("Labels.team must be a string"), wrongType.getMessage());
      final SQLException typo = assertThrows(SQLException.class, () -> s.execute(
          "EXEC envco.things.notes.create @@json = '{\"Titel\": \"t\"}'"));
      assertTrue(typo.getMessage().contains("unknown field Titel"), typo.getMessage());
    }
    assertTrue(onlyRequest().getBodyAsString().contains("<Labels><team>db</team></Labels>"),
        onlyRequest().getBodyAsString());
  }

  @Test void aServiceMissingOnDiskIsNamedOnlyWhenAStatementTouchesIt() throws SQLException {
    answer("application/json", "{\"items\": []}");
    assertEquals(List.of(), rows("SELECT thing_id FROM envco.things.things"));
    final SQLException e = assertThrows(SQLException.class, () -> rows("SELECT * FROM envco.missing.anything"));
    assertTrue(e.getMessage().contains("envco/v1/services/missing.yaml"), e.getMessage());
  }
}
