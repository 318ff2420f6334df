package io.credql.statement;

import io.credql.TestProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.LoopbackJsonServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Statements as StackQL's awscc reference pages print them, on a small document in awscc's layout:
 * resources read through {@code config.views} over a Cloud Control resource, created with
 * {@code naive_DesiredState}, updated with a {@code PatchDocument}.
 */
class CloudControlPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LoopbackJsonServer api;

  @BeforeAll static void start() {
    api = LoopbackJsonServer.answering(request -> {
      final String query = String.valueOf(request.rawQuery());
      if (query.startsWith("Action=GetResource")) {
        // the resource asked for, as Cloud Control answers
        final String identifier = request.body().replaceFirst(".*\"Identifier\":\"([^\"]*)\".*", "$1");
        return LoopbackJsonServer.Answer.json("{\"ResourceDescription\": {\"Identifier\": \"" + identifier + "\","
            + " \"Properties\": \"{\\\"InstanceName\\\": \\\"db-1\\\", \\\"Port\\\": 5432, \\\"Tags\\\": [{\\\"Key\\\": "
            + "\\\"owner\\\", \\\"Value\\\": \\\"team-" + identifier + "\\\"}]}\"}}");
      }
      if (query.startsWith("Action=ListResources")) {
        return LoopbackJsonServer.Answer.json("{\"ResourceDescriptions\": ["
            + "{\"Identifier\": \"db-1\", \"Properties\": \"{\\\"InstanceName\\\": \\\"db-1\\\", \\\"Region\\\": \\\"eu-west-1\\\"}\"},"
            + "{\"Identifier\": \"db-2\", \"Properties\": \"{\\\"InstanceName\\\": \\\"db-2\\\", \\\"Region\\\": \\\"eu-west-2\\\"}\"}]}");
      }
      return LoopbackJsonServer.Answer.json(
          "{\"ProgressEvent\": {\"Identifier\": \"db-1\", \"OperationStatus\": \"IN_PROGRESS\"}}");
    });
  }

  @AfterAll static void stop() {
    api.close();
  }

  @BeforeEach void forget() {
    api.forget();
  }

  private static List<List<String>> run(String sql) throws SQLException {
    try (Connection c = TestProviders.in("cloudcontrol-providers").calling("ccapi", api.url("")).connect();
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        final List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static JsonNode lastBody() throws Exception {
    final List<LoopbackJsonServer.Request> requests = api.requests();
    return JSON.readTree(requests.get(requests.size() - 1).body());
  }

  @Test void aViewWithoutDocumentedFieldsHasTheColumnsItsSelectNamesAndTakesIdentifierAndRegionFromWhere()
      throws Exception {
    assertEquals(List.of(List.of("eu-west-1", "db-1", "5432")), run("SELECT\n  region,\n  instance_name,\n  port\n"
        + "FROM ccapi.db.instances\nWHERE\n  region = 'eu-west-1' AND\n  Identifier = 'db-1';"));
    assertEquals("{\"TypeName\":\"Example::DB::Instance\",\"Identifier\":\"db-1\"}", lastBody().toString());
  }

  @Test void aCompoundIdentifierPlaceholderIsBoundByTheOuterWhereAndSentOnce() throws Exception {
    assertEquals(List.of(List.of("db-1")),
        run("SELECT instance_name FROM ccapi.db.grants WHERE region = 'us-east-1' AND Identifier = 'db-1|ops';"));
    assertEquals(1, api.requests().size());
    assertEquals("{\"TypeName\":\"Example::DB::Grant\",\"Identifier\":\"db-1|ops\"}", lastBody().toString());
  }

  @Test void aListOnlyViewListsEveryResourceOfItsType() throws Exception {
    assertEquals(List.of(List.of("db-1"), List.of("db-2")),
        run("SELECT instance_name FROM ccapi.db.instances_list_only WHERE region = 'us-east-1';"));
    assertEquals("{\"TypeName\":\"Example::DB::Instance\"}", lastBody().toString());
  }

  @Test void anInsertCopiedFromAPageSendsItsColumnsAsTheDesiredStateText() throws Exception {
    assertEquals(List.of(List.of("db-1", "IN_PROGRESS")), run("/*+ create */\nINSERT INTO ccapi.db.instances (\n"
        + "  InstanceName,\n  Port,\n  region\n)\nSELECT\n  'db-1',\n  '5432',\n  'us-east-1'\n"
        + "RETURNING\n  Identifier,\n  OperationStatus\n;"));
    final JsonNode body = lastBody();
    assertEquals("Example::DB::Instance", body.get("TypeName").asText());
    assertEquals("{\"InstanceName\":\"db-1\",\"Port\":5432}", body.get("DesiredState").asText());
  }

  @Test void anUpdateSetsThePatchDocumentWrittenAsAString() throws Exception {
    final String patch = "[{\"op\": \"replace\", \"path\": \"/Port\", \"value\": 5433}]";
    run("/*+ update */\nUPDATE ccapi.db.instances\nSET PatchDocument = string('" + patch + "')\n"
        + "WHERE\n  region = 'us-east-1' AND\n  Identifier = 'db-1'\nRETURNING\n  OperationStatus\n;");
    final JsonNode body = lastBody();
    assertEquals(patch, body.get("PatchDocument").asText());
    assertEquals("db-1", body.get("Identifier").asText());
  }
  @Test void aTagsViewLooksEachListedResourceUpWithItsIdentifierAndRegionAndListsItsTags() throws Exception {
    assertEquals(List.of(List.of("us-east-1", "owner", "team-db-1", "db-1"), List.of("us-east-1", "owner", "team-db-2", "db-1")),
        run("SELECT region, tag_key, tag_value, instance_name FROM ccapi.db.instance_tags"
            + " WHERE region = 'us-east-1' ORDER BY tag_value;"));
    assertEquals(3, api.requests().size(), "one listing, then one GetResource per listed resource");
  }

  @Test void aLookupNeedingTwoParametersFromTheOuterRowCallsOncePerRowWithThatRowsPair() throws Exception {
    assertEquals(List.of(List.of("db-1", "eu-west-1"), List.of("db-2", "us-east-1")),
        run("SELECT d.Identifier, d.region FROM (VALUES ('db-1', 'eu-west-1'), ('db-2', 'us-east-1')) AS v(id, r)"
            + " JOIN ccapi.cloud_control.resource d ON d.Identifier = v.id AND d.region = v.r"
            + " WHERE d.TypeName = 'Example::DB::Instance' ORDER BY d.Identifier"));
    assertEquals(2, api.requests().size(), "two pairs, two calls: not every identifier in every region");
  }

  @Test void aViewGivingTwoColumnsOneNameNamesTheSecondAsSqliteDoesAndSelectsTheFirstByTheName() throws Exception {
    assertEquals(List.of(List.of("us-east-1", "db-1", "eu-west-1"), List.of("us-east-1", "db-2", "eu-west-2")),
        run("SELECT region, instance_name, \"region:1\" FROM ccapi.db.observer_statuses_list_only"
            + " WHERE region = 'us-east-1' ORDER BY instance_name;"));
  }
  @Test void anUnqualifiedWhereParameterOfAJoinBindsEveryResourceThatTakesItAsStackqlRoutesIt() throws Exception {
    assertEquals(List.of(List.of("db-1", "eu-west-1", "eu-west-1"), List.of("db-2", "eu-west-1", "eu-west-1")),
        run("SELECT l.Identifier, l.region, d.region FROM ccapi.cloud_control.resources l"
            + " JOIN ccapi.cloud_control.resource d ON d.Identifier = l.Identifier"
            + " WHERE region = 'eu-west-1' AND l.TypeName = 'Example::DB::Instance'"
            + " AND d.TypeName = 'Example::DB::Instance' ORDER BY l.Identifier"));
    assertEquals(3, api.requests().size());
  }
  @Test void aViewQueriedWithoutTheIdentifierItsFirstSelectRequiresListsEveryResourceThroughItsFallback()
      throws Exception {
    assertEquals(List.of(List.of("us-east-1", "db-1", "5432"), List.of("us-east-1", "db-1", "5432")),
        run("SELECT region, instance_name, port FROM ccapi.db.instances WHERE region = 'us-east-1';"));
    assertEquals(3, api.requests().size(), "the listing, then each listed resource");
  }
  @Test void aViewQueriedWithoutRegionUsesTheRegionItsSelectGives() throws Exception {
    assertEquals(List.of(List.of("us-east-1", "db-1"), List.of("us-east-1", "db-2")),
        run("SELECT region, instance_name FROM ccapi.db.instances_list_only ;"));
  }
  @Test void aViewDocumentingRegionAsAFieldAndARequiredParameterHasOneRegionColumn() throws Exception {
    assertEquals(List.of(List.of("eu-west-1", "db-1"), List.of("eu-west-1", "db-2")),
        run("SELECT * FROM ccapi.db.vw_instance_names WHERE region = 'eu-west-1';"));
  }
  @Test void aViewSelectingEveryColumnOfAResourceHasThatResourcesColumns() throws Exception {
    assertEquals(List.of(List.of("us-east-1", "db-1"), List.of("us-east-1", "db-2")),
        run("SELECT region, Identifier FROM ccapi.db.vw_listed_instances WHERE region = 'us-east-1';"));
  }
}
