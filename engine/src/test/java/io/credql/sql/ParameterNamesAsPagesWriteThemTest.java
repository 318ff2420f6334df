package io.credql.sql;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.LoopbackJsonServer.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameters named as Google's documents name them run as StackQL's reference pages write them:
 * dotted query parameters unquoted in WHERE ({@code options.requestedPolicyVersion = 3}) and in
 * mutations, dotted response fields unquoted in the select list (Azure's
 * {@code restAuthCredential.isEnabled}), and parameters named by RFC 6570's reserved expansion ({@code +datasetId}) in WHERE,
 * INSERT column lists and as {@code @+jobId} in EXEC.
 */
class ParameterNamesAsPagesWriteThemTest {
  private static final String PROVIDERS =
      Paths.get("src/test/resources/page-names-providers").toAbsolutePath().toString();

  private static LoopbackJsonServer api;

  @BeforeAll static void startApi() {
    api = LoopbackJsonServer.answering(ParameterNamesAsPagesWriteThemTest::answer);
  }

  @AfterAll static void stopApi() {
    api.close();
  }

  @BeforeEach void forget() {
    api.forget();
  }

  private static Answer answer(Request request) {
    if (request.path().endsWith("/policy")) {
      return Answer.json("{\"version\": 3, \"etag\": \"BwX\"}");
    }
    if (request.path().endsWith("/grants")) {
      return Answer.json("{\"items\": [{\"role\": \"roles/viewer\", \"etag\": \"BwX\"}]}");
    }
    if (request.method().equals("DELETE")) {
      return Answer.empty(204);
    }
    if (request.path().endsWith("/boxes")) {
      return Answer.json("{\"label\": \"b1\"}");
    }
    return Answer.json("{\"id\": \"s1\", \"friendlyName\": \"Shelf one\", \"lock.isEnabled\": true,"
        + " \"@odata.type\": \"#microsoft.graph.shelf\"}");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers=" + PROVIDERS + ";baseUrl.warehouse=" + api.url("/v1")
        + ";auth={\"warehouse\": {\"type\": \"null_auth\"}}");
  }

  /** The first column of the first row {@code sql} selects, as text. */
  private static String firstValue(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  /** The message of the error that reading {@code sql}'s rows ends with. */
  private static String errorOf(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return assertThrows(SQLException.class, () -> s.executeQuery(sql).next()).getMessage();
    }
  }

  @Test void aDottedQueryParameterWrittenUnquotedInWhereIsSent() throws SQLException {
    assertEquals("3", firstValue("SELECT version FROM warehouse.stores.policies"
        + " WHERE projectId = 'p1' AND options.requestedPolicyVersion = 3 AND serviceFilter.service = 'run';"));
    assertEquals(List.of("GET /v1/projects/p1/policy?options.requestedPolicyVersion=3&serviceFilter.service=run"),
        api.targets());
  }

  @Test void aDottedParameterAfterATablesAliasIsThatTablesParameter() throws SQLException {
    assertEquals("BwX", firstValue("SELECT p.etag FROM warehouse.stores.policies p"
        + " WHERE p.projectId = 'p1' AND p.options.requestedPolicyVersion = 1"));
    assertEquals(List.of("GET /v1/projects/p1/policy?options.requestedPolicyVersion=1"), api.targets());
  }

  @Test void anAliasedColumnKeepsItsMeaning() throws SQLException {
    assertEquals("BwX", firstValue("SELECT options.etag FROM warehouse.stores.policies options"
        + " WHERE options.projectId = 'p1' AND options.etag = 'BwX'"));
    assertEquals(List.of("GET /v1/projects/p1/policy"), api.targets());
  }

  @Test void aDottedParameterOfTwoJoinedResourcesIsAnErrorNamingBoth() throws SQLException {
    final String message = errorOf("SELECT p.etag, g.role FROM warehouse.stores.policies p"
        + " JOIN warehouse.stores.grants g ON g.etag = p.etag"
        + " WHERE p.projectId = 'p1' AND g.projectId = 'p1' AND options.requestedPolicyVersion = 3");
    assertTrue(message.contains("options.requestedPolicyVersion is a column of "), message);
    assertTrue(message.contains("p.\"options.requestedPolicyVersion\""), message);
    assertTrue(message.contains("g.\"options.requestedPolicyVersion\""), message);
    assertFalse(message.contains("\n"), message);
    assertEquals(List.of(), api.targets());
  }

  @Test void aDottedNameOfNoParameterIsStillAnUnknownTable() throws SQLException {
    final String message = errorOf("SELECT etag FROM warehouse.stores.policies"
        + " WHERE projectId = 'p1' AND options.nothing = 3");
    assertTrue(message.contains("Table 'options' not found"), message);
    assertEquals(List.of(), api.targets());
  }

  @Test void aReservedExpansionParameterIsWrittenWithItsPlusInWhere() throws SQLException {
    assertEquals("Shelf one", firstValue("SELECT friendlyName FROM warehouse.stores.shelves"
        + " WHERE projectId = 'p1' -- required\nAND +shelfId = 's1' -- required\n;"));
    assertEquals(List.of("GET /v1/projects/p1/shelves/s1"), api.targets());
  }

  @Test void aDottedFieldNameWrittenUnquotedInTheSelectListIsThatField() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT lock.isEnabled FROM warehouse.stores.shelves"
             + " WHERE projectId = 'p1' AND +shelfId = 's1'")) {
      assertTrue(rs.next());
      assertTrue(rs.getBoolean(1));
      assertEquals("lock.isEnabled", rs.getMetaData().getColumnLabel(1));
    }
  }

  @Test void anAtFieldWrittenUnquotedAsEntraIdsPagesWriteOdataTypeIsThatFieldInTheSelectListAndWhere()
      throws SQLException {
    assertEquals("#microsoft.graph.shelf", firstValue("SELECT @odata.type FROM warehouse.stores.shelves"
        + " WHERE projectId = 'p1' AND +shelfId = 's1' AND @odata.type = '#microsoft.graph.shelf'"));
  }

  @Test void anAtBodyFieldInAnInsertColumnListAsEntraIdsPagesWriteDataOdataTypeIsSentAsThatField()
      throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO warehouse.stores.boxes (data__label, data__@odata.type, projectId, +shelfId)"
          + " SELECT 'b1', '#microsoft.graph.box', 'p1', 's1'");
    }
    assertEquals("{\"label\":\"b1\",\"@odata.type\":\"#microsoft.graph.box\"}",
        api.requests().get(0).body().replace(" ", ""));
  }

  @Test void aReservedExpansionParameterIsWrittenWithItsPlusAndADottedOneAsItIsInDeleteInsertAndExec() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM warehouse.stores.shelves WHERE projectId = 'p1' AND +shelfId = 's1'");
      s.execute("INSERT INTO warehouse.stores.boxes (data__label, projectId, +shelfId, label.language)"
          + " SELECT 'b1', 'p1', 's1', 'en'");
      s.execute("EXEC warehouse.stores.shelves.empty @projectId='p1', @+shelfId='s1',"
          + " @requestOptions.priority='low';");
    }
    assertEquals(List.of("DELETE /v1/projects/p1/shelves/s1",
        "POST /v1/projects/p1/shelves/s1/boxes?label.language=en",
        "POST /v1/projects/p1/shelves/s1:empty?requestOptions.priority=low"), api.targets());
  }

  @Test void aPlusBetweenTwoOperandsStillAdds() throws SQLException {
    assertEquals("6", firstValue("SELECT version +version FROM warehouse.stores.policies"
        + " WHERE projectId = 'p1' AND version = 1 +2"));
  }
}
