package io.credql.schema;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.credql.jdbc.QueryRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A field or parameter that a document spells in camelCase, under {@code snake_case_aliases}, answers
 * to the document's spelling and to its snake_case name everywhere a statement names it, while
 * {@code *}, DESCRIBE and the JDBC metadata show it once; {@code x-stackQL-alias} renames keep the
 * document's name answering too, and {@code x-stackQL-stringOnly} body fields go as the text given.
 */
class BothSpellingsOfANameTest {
  @TempDir static Path auditDir;

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final String SERVERS = "{\"value\": ["
      + "{\"serverName\": \"alpha\", \"systemData\": {\"createdBy\": \"ann\"}, \"storageSizeGB\": 32,"
      + " \"instanceRef\": \"i-1\", \"groupId\": \"g1\", \"group-id\": \"h1\"},"
      + "{\"serverName\": \"beta\", \"systemData\": {\"createdBy\": \"bob\"}, \"storageSizeGB\": 64,"
      + " \"instanceRef\": \"i-2\", \"groupId\": \"g1\", \"group-id\": \"h2\"}]}";

  @BeforeEach void answer() {
    api.stubFor(get(urlPathEqualTo("/subscriptions/sub-1/servers")).willReturn(json(SERVERS)));
    api.stubFor(get(urlPathMatching("/subscriptions/sub-1/servers/([a-z]+)/databases")).willReturn(
        json("{\"value\": [{\"databaseName\": \"db-{{request.pathSegments.[3]}}\", \"charSet\": \"UTF8\"}]}")
            .withTransformers("response-template")));
    api.stubFor(post(urlPathEqualTo("/subscriptions/sub-1/servers")).willReturn(
        json("{\"serverName\": \"gamma\", \"storageSizeGB\": 16}").withStatus(201)));
    api.stubFor(put(urlPathMatching("/subscriptions/sub-1/servers/[a-z]+")).willReturn(
        json("{\"serverName\": \"alpha\", \"storageSizeGB\": 128}")));
    api.stubFor(patch(urlPathMatching("/subscriptions/sub-1/servers/[a-z]+")).willReturn(
        json("{\"serverName\": \"alpha\", \"storageSizeGB\": 32}")));
    api.stubFor(post(urlPathMatching("/subscriptions/sub-1/servers/[a-z]+/restart")).willReturn(
        json("{\"operationId\": \"op-7\", \"startTime\": \"2026-01-01T00:00:00Z\"}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static Connection connect() throws SQLException {
    return TestProviders.in("name-providers").calling("spellco", AcmeApi.base(api))
        .connect(";auditLog=" + auditDir.resolve("audit.jsonl"));
  }

  private static List<String> rows(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return QueryRows.of(s, sql).stream().map(row -> String.join(" ", row)).toList();
    }
  }

  private static List<String> columnNames(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final ResultSetMetaData meta = rs.getMetaData();
      final List<String> names = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
      }
      return names;
    }
  }

  private static LoggedRequest lastRequest() {
    final var events = api.getAllServeEvents();
    return events.get(0).getRequest();
  }

  @Test void theDocumentsCamelCaseAndTheSnakeCaseAliasSelectTheSameColumns() throws SQLException {
    final List<String> expected = List.of("alpha 32 {\"createdBy\":\"ann\"}", "beta 64 {\"createdBy\":\"bob\"}");
    assertEquals(expected, rows("SELECT serverName, storageSizeGB, systemData FROM spellco.servers.servers"
        + " WHERE subscriptionId = 'sub-1' ORDER BY serverName"));
    assertEquals(expected, rows("SELECT server_name, storage_size_gb, system_data FROM spellco.servers.servers"
        + " WHERE subscription_id = 'sub-1' ORDER BY server_name"));
    assertEquals(expected, rows("SELECT s.serverName, s.storage_size_gb, s.SystemData FROM spellco.servers.servers s"
        + " WHERE s.subscriptionId = 'sub-1' ORDER BY s.server_name"));
  }

  @Test void aColumnIsLabelledAsTheStatementWritesIt() throws SQLException {
    assertEquals(List.of("serverName", "storage_size_gb"), columnNames("SELECT serverName, storage_size_gb"
        + " FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"));
  }

  @Test void bothSpellingsFilterGroupAndOrder() throws SQLException {
    assertEquals(List.of("beta"), rows("SELECT server_name FROM spellco.servers.servers"
        + " WHERE subscriptionId = 'sub-1' AND storageSizeGB > 40"));
    assertEquals(List.of("g1 2 96"), rows("SELECT groupId, COUNT(*), SUM(storage_size_gb)"
        + " FROM spellco.servers.servers WHERE subscription_id = 'sub-1' GROUP BY groupId"));
    assertEquals(List.of("beta", "alpha"), rows("SELECT serverName FROM spellco.servers.servers"
        + " WHERE subscription_id = 'sub-1' ORDER BY storage_size_gb DESC"));
  }

  @Test void aParameterInWhereAnswersToBothSpellingsAndGoesOutUnderTheDocumentsName() throws SQLException {
    rows("SELECT server_name FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"
        + " AND resourceGroupName = 'rg-1'");
    assertEquals("rg-1", lastRequest().queryParameter("resourceGroupName").firstValue());
    api.resetRequests();
    rows("SELECT server_name FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"
        + " AND resource_group_name = 'rg-2'");
    assertEquals("rg-2", lastRequest().queryParameter("resourceGroupName").firstValue());
  }

  @Test void aJoinBindsTheOtherTablesParameterUnderEitherSpelling() throws SQLException {
    final List<String> expected = List.of("alpha db-alpha", "beta db-beta");
    assertEquals(expected, rows("SELECT s.serverName, d.databaseName FROM spellco.servers.servers s"
        + " JOIN spellco.servers.databases d ON d.serverName = s.serverName"
        + " WHERE s.subscriptionId = 'sub-1' AND d.subscriptionId = 'sub-1' ORDER BY s.serverName"));
    assertEquals(expected, rows("SELECT s.server_name, d.database_name FROM spellco.servers.servers s"
        + " JOIN spellco.servers.databases d ON d.server_name = s.server_name"
        + " WHERE s.subscription_id = 'sub-1' AND d.subscription_id = 'sub-1' ORDER BY s.server_name"));
  }

  @Test void starDescribeAndMetadataShowEachFieldOnceUnderItsSnakeCaseName() throws SQLException {
    final List<String> star = columnNames("SELECT * FROM spellco.servers.servers WHERE subscription_id = 'sub-1'");
    assertEquals(List.of("server_name", "system_data", "storage_size_gb", "instance", "groupId", "group-id",
        "subscription_id", "resource_group_name", "region"), star);
    final List<String> described = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("DESCRIBE spellco.servers.servers")) {
      while (rs.next()) {
        described.add(rs.getString(1));
      }
    }
    assertEquals(star, described);
    final List<String> metadata = new ArrayList<>();
    try (Connection c = connect();
         ResultSet rs = c.getMetaData().getColumns("spellco", "servers", "servers", "%")) {
      while (rs.next()) {
        metadata.add(rs.getString("COLUMN_NAME"));
      }
    }
    assertEquals(star, metadata);
  }

  @Test void aNameThatSpellsTwoFieldsIsAnErrorNamingBoth() throws SQLException {
    // groupId and group-id are both group_id in snake_case: each shows its own name, and group_id is refused
    final SQLException e = assertThrows(SQLException.class, () -> rows("SELECT group_id"
        + " FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"));
    assertTrue(e.getMessage().contains("Column 'group_id' is ambiguous in spellco.servers.servers:"
        + " it names both groupId and group-id"), e.getMessage());
    assertEquals(List.of("g1 h1", "g1 h2"), rows("SELECT groupId, \"group-id\" FROM spellco.servers.servers"
        + " WHERE subscription_id = 'sub-1' ORDER BY 2"));
  }

  @Test void anUnknownNameIsStillNotFound() {
    final SQLException e = assertThrows(SQLException.class, () -> rows("SELECT serverNom"
        + " FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"));
    assertTrue(e.getMessage().contains("Column 'serverNom' not found"), e.getMessage());
  }

  @Test void aFieldRenamedByTheDocumentAnswersToItsAliasAndItsOwnName() throws SQLException {
    final List<String> expected = List.of("alpha i-1");
    assertEquals(expected, rows("SELECT server_name, instance FROM spellco.servers.servers"
        + " WHERE subscription_id = 'sub-1' AND instance = 'i-1'"));
    assertEquals(expected, rows("SELECT server_name, instanceRef FROM spellco.servers.servers"
        + " WHERE subscription_id = 'sub-1' AND instance_ref = 'i-1'"));
  }

  @Test void aParameterRenamedByTheDocumentGoesOutUnderItsOwnNameFromEitherName() throws SQLException {
    rows("SELECT server_name FROM spellco.servers.servers WHERE subscription_id = 'sub-1' AND region = 'westeu'");
    assertEquals("westeu", lastRequest().queryParameter("regionCode").firstValue());
    api.resetRequests();
    rows("SELECT server_name FROM spellco.servers.servers WHERE subscription_id = 'sub-1'"
        + " AND regionCode = 'northeu'");
    assertEquals("northeu", lastRequest().queryParameter("regionCode").firstValue());
  }

  @Test void updateSetAndWhereTakeBothSpellingsAndTheWireKeepsTheDocumentsNames() throws SQLException {
    assertEachSends("/subscriptions/sub-1/servers/alpha", "{\"administratorLoginPassword\":\"N3w-Secret!\"}",
        "UPDATE spellco.servers.servers SET administratorLoginPassword = 'N3w-Secret!'"
            + " WHERE subscriptionId = 'sub-1' AND serverName = 'alpha'",
        "UPDATE spellco.servers.servers SET administrator_login_password = 'N3w-Secret!'"
            + " WHERE subscription_id = 'sub-1' AND server_name = 'alpha'");
  }

  /** Runs each statement and checks the one request it sends: its path and its body. */
  private static void assertEachSends(String path, String body, String... statements) throws SQLException {
    for (String sql : statements) {
      api.resetRequests();
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute(sql);
      }
      final LoggedRequest request = lastRequest();
      assertEquals(path, request.getUrl(), sql);
      assertEquals(body, request.getBodyAsString(), sql);
    }
  }


  @Test void replaceSetAndWhereTakeBothSpellings() throws SQLException {
    assertEachSends("/subscriptions/sub-1/servers/alpha", "{\"storageSizeGB\":128}",
        "REPLACE spellco.servers.servers SET storageSizeGB = 128 WHERE subscriptionId = 'sub-1'"
            + " AND serverName = 'alpha'",
        "REPLACE spellco.servers.servers SET storage_size_gb = 128 WHERE subscription_id = 'sub-1'"
            + " AND server_name = 'alpha'");
    assertEquals(List.of("alpha 128"), rows("REPLACE spellco.servers.servers SET storage_size_gb = 128"
        + " WHERE subscription_id = 'sub-1' AND serverName = 'alpha' RETURNING serverName, storage_size_gb"));
  }

  @Test void returningNamesTheResponsesFieldsInEitherSpelling() throws SQLException {
    assertEquals(List.of("alpha 32"), rows("UPDATE spellco.servers.servers SET administrator_login_password = 'x'"
        + " WHERE subscription_id = 'sub-1' AND server_name = 'alpha' RETURNING server_name, storageSizeGB"));
  }

  @Test void execParametersTakeBothSpellings() throws SQLException {
    assertEachSends("/subscriptions/sub-1/servers/alpha/restart",
        "{\"restartWithFailover\":true,\"failoverMode\":\"Planned\"}",
        "EXEC spellco.servers.servers.restart @subscriptionId = 'sub-1', @serverName = 'alpha',"
            + " @restartWithFailover = true, @failoverMode = 'Planned'",
        "EXEC spellco.servers.servers.restart @subscription_id = 'sub-1', @server_name = 'alpha',"
            + " @restart_with_failover = true, @failover_mode = 'Planned'");
    assertEquals(List.of("op-7 2026-01-01T00:00:00Z"), rows("EXEC spellco.servers.servers.restart"
        + " @subscription_id = 'sub-1', @serverName = 'alpha', @restartWithFailover = true"));
  }


  @Test void theSameParameterGivenUnderBothSpellingsIsRefused() {
    final SQLException e = assertThrows(SQLException.class, () -> rows("EXEC spellco.servers.servers.restart"
        + " @subscription_id = 'sub-1', @subscriptionId = 'sub-2', @server_name = 'alpha'"));
    assertTrue(e.getMessage().contains("@subscriptionId is given more than once"), e.getMessage());
  }

  @Test void insertColumnListsTakeBothSpellings() throws SQLException {
    assertEachSends("/subscriptions/sub-1/servers",
        "{\"serverName\":\"gamma\",\"storageSizeGB\":16,\"administratorLogin\":\"admin\"}",
        "INSERT INTO spellco.servers.servers (subscriptionId, serverName, storageSizeGB, administratorLogin)"
            + " VALUES ('sub-1', 'gamma', 16, 'admin')",
        "INSERT INTO spellco.servers.servers (subscription_id, server_name, storage_size_gb, administrator_login)"
            + " SELECT 'sub-1', 'gamma', 16, 'admin'");
  }


  @Test void aParameterNameThatSpellsTwoInputsIsAnErrorNamingBoth() {
    final SQLException e = assertThrows(SQLException.class, () -> rows("EXEC spellco.servers.servers.restart"
        + " @subscription_id = 'sub-1', @server_name = 'alpha', @api_version = '2024-01-01'"));
    assertTrue(e.getMessage().contains("parameter @api_version is ambiguous: it names both api-version and"
        + " apiVersion; write the document's own name"), e.getMessage());
    assertTrue(api.getAllServeEvents().isEmpty(), "nothing was sent");
  }

  @Test void aStringOnlyBodyFieldGoesAsTheTextGiven() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE spellco.servers.servers SET maintenance_window = '{\"dayOfWeek\": 0}'"
          + " WHERE subscription_id = 'sub-1' AND server_name = 'alpha'");
    }
    assertEquals("{\"maintenanceWindow\":\"{\\\"dayOfWeek\\\": 0}\"}", lastRequest().getBodyAsString());
  }
}
