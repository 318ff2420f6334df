package io.credql.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.BannerExamples;
import io.credql.sandbox.Sandbox;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linode in the sandbox: {@code jdbc:credql:sandbox=true} with demo databases and a demo token. */
class LinodeSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern ID_IN_EXAMPLE = Pattern.compile("(?i)instanceId\\s*=\\s*(\\d+)");

  /** What the sandbox's simulator answers to {@code path}, asked directly with its demo token. */
  private static JsonNode direct(String path) throws IOException, InterruptedException {
    final Sandbox sandbox = Sandbox.shared();
    final HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrls().get("linode") + path))
        .header("Authorization", "Bearer " + sandbox.credentials().get("LINODE_TOKEN")).build();
    return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test void theSandboxServesDemoCredentialsThroughTheDriver() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123")) {
      assertTrue(rs.next());
      final JsonNode expected = direct("/databases/postgresql/instances/123/credentials");
      assertEquals("akmadmin", rs.getString("username"));
      assertEquals(expected.get("password").asText(), rs.getString("password"));
      assertFalse(rs.next());
    }
  }

  @Test void aResourceJoinedToItselfLooksUpEachListedRowOnOneColumnOrTwo() throws SQLException {
    // awscc's and aws's *_tags views join detail to listing on Identifier and region: Calcite's
    // batched join compiled 200 rows x 2 columns into one method ("too many parameters (403)"),
    // and a self-join on one column was turned around, its unbound listing outside: no rows
    final String lookup = "SELECT listing.id, detail.region"
        + " FROM linode.databases.postgresql_instances listing"
        + " INNER JOIN linode.databases.postgresql_instances detail ON detail.instanceId = listing.id";
    final List<String> expected = List.of("123 us-east", "124 eu-central");
    assertEquals(expected, idsAndRegions(lookup + " WHERE listing.status = 'active' ORDER BY 1"));
    assertEquals(expected, idsAndRegions(lookup + " AND detail.region = listing.region"
        + " WHERE listing.status = 'active' ORDER BY 1"));
  }

  private static List<String> idsAndRegions(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
      return rows;
    }
  }

  @Test void theSandboxTokenIsNotTheEnvironmentsToken() {
    // the demo token overlays LINODE_TOKEN, which surefire sets for the other tests
    assertNotEquals(System.getenv("LINODE_TOKEN"), Sandbox.shared().credentials().get("LINODE_TOKEN"));
  }

  @Test void everyExampleOfTheBannerRunsAndReturnsRows() throws SQLException {
    final List<String> examples = BannerExamples.of(Sandbox.shared().exampleQueries(), "linode");
    assertTrue(examples.size() >= 3, examples.toString());
    BannerExamples.assertEachReturnsARow(examples);
  }

  @Test void theExamplesUseDemoDatabasesThatAreActive() {
    final List<ManagedDatabase> demo = LinodeDataset.demo().databases();
    for (String example : Sandbox.shared().exampleQueries()) {
      final Matcher id = ID_IN_EXAMPLE.matcher(example);
      while (id.find()) {
        final long wanted = Long.parseLong(id.group(1));
        final DatabaseEngine engine = example.contains("mysql") ? DatabaseEngine.MYSQL : DatabaseEngine.POSTGRESQL;
        assertTrue(demo.stream().anyMatch(db -> db.id() == wanted && db.engine() == engine
            && db.status() == DatabaseStatus.ACTIVE), example);
      }
    }
  }

  @Test void theRegisteredSimulatorStartsWithTheDemoDataAndStops() throws Exception {
    final List<ProviderSimulator> linode = new ArrayList<>();
    ServiceLoader.load(ProviderSimulator.class).stream().map(ServiceLoader.Provider::get)
        .filter(simulator -> simulator instanceof LinodeSandboxSimulator).forEach(linode::add);
    assertEquals(1, linode.size());
    final String baseUrl;
    try (RunningSimulator running = linode.get(0).startSandbox()) {
      baseUrl = running.baseUrls().get("linode");
      assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+/v4"), baseUrl);
      final String token = running.credentials().get("LINODE_TOKEN");
      final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/databases/mysql/instances"))
          .header("Authorization", "Bearer " + token).build();
      final JsonNode listing = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
      assertEquals(3, listing.get("results").asInt());
    }
    final HttpRequest after = HttpRequest.newBuilder(URI.create(baseUrl + "/databases/mysql/instances")).build();
    assertThrows(ConnectException.class, () -> HTTP.send(after, HttpResponse.BodyHandlers.discarding()));
  }
}
