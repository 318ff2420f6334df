package io.credql.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.sandbox.BannerExamples;
import io.credql.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Databricks in the sandbox: {@code jdbc:credql:sandbox=true} with the demo workspace and demo
 * OAuth client credentials, while surefire's {@code DATABRICKS_TOKEN} plays a user's real token.
 */
class DatabricksSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static List<String> examples() {
    return BannerExamples.of(Sandbox.shared().exampleQueries(), "databricks_workspace");
  }

  /** Every request the sandbox's simulator has received, from WireMock's admin journal. */
  private static List<JsonNode> journal() throws Exception {
    final String url = Sandbox.shared().baseUrls().get("databricks_workspace") + "/__admin/requests";
    final JsonNode body = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    final List<JsonNode> requests = new ArrayList<>();
    body.get("requests").forEach(r -> requests.add(r.get("request")));
    return requests;
  }

  @Test void everyExampleOfTheBannerRunsAndReturnsRows() throws SQLException {
    assertEquals(3, examples().size(), examples().toString());
    BannerExamples.assertEachReturnsARow(examples());
  }

  @Test void aCredentialFromTheSandboxExpiresWithinTheTtlAsked() throws SQLException {
    final String generate = examples().stream().filter(q -> q.contains("postgres_credentials")).findFirst().orElseThrow();
    assertTrue(generate.contains("\"ttl\": \"900s\""), generate);
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(generate)) {
      assertTrue(rs.next());
      final Duration left = Duration.between(Instant.now(), Instant.parse(rs.getString("expire_time")));
      assertTrue(left.compareTo(Duration.ofMinutes(14)) > 0 && left.compareTo(Duration.ofMinutes(16)) < 0,
          left.toString());
      assertEquals(3, rs.getString("token").split("\\.").length);
    }
  }

  @Test void theSandboxUsesItsOAuthClientEvenWhenTheEnvironmentHoldsARealToken() throws Exception {
    final String realToken = System.getenv("DATABRICKS_TOKEN");
    assertTrue(realToken != null && !realToken.isEmpty(), "surefire sets DATABRICKS_TOKEN");
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT name FROM databricks_workspace.database.database_instances"
             + " WHERE deployment_name = '" + DatabricksSandboxSimulator.DEPLOYMENT_NAME + "'")) {
      assertTrue(rs.next());
    }
    final List<JsonNode> requests = journal();
    assertTrue(requests.stream().anyMatch(r -> r.get("url").asText().equals("/oidc/v1/token")));
    for (JsonNode request : requests) {
      assertFalse(request.toString().contains(realToken), "the real token reached the simulator: " + request);
    }
  }

  @Test void theSandboxCredentialsAreNotTheEnvironments() {
    assertNotEquals(System.getenv("DATABRICKS_CLIENT_ID"), Sandbox.shared().credentials().get("DATABRICKS_CLIENT_ID"));
    assertNotEquals(System.getenv("DATABRICKS_CLIENT_SECRET"),
        Sandbox.shared().credentials().get("DATABRICKS_CLIENT_SECRET"));
  }
}
