package io.credql.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Render in the sandbox: {@code jdbc:credql:sandbox=true} with the demo workspace and a demo API key. */
class RenderSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** What the sandbox's simulator answers to {@code path}, asked directly with its demo key. */
  private static JsonNode direct(String path) throws IOException, InterruptedException {
    final Sandbox sandbox = Sandbox.shared();
    final HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrls().get("render") + path))
        .header("Authorization", "Bearer " + sandbox.credentials().get("RENDER_API_KEY")).build();
    return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test void theSandboxServesTheDemoWorkspaceThroughTheDriver() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM render.postgres.instances")) {
        assertTrue(rs.next());
        assertEquals(RenderDataset.ORDERS_PROD, rs.getString("id"));
        assertTrue(rs.next());
        assertEquals(RenderDataset.ANALYTICS, rs.getString("id"));
        assertTrue(rs.next());
        assertEquals(RenderDataset.STAGING, rs.getString("id"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT password FROM render.postgres.connection_info"
          + " WHERE postgresId = '" + RenderDataset.ANALYTICS + "'")) {
        assertTrue(rs.next());
        assertEquals(direct("/postgres/" + RenderDataset.ANALYTICS + "/connection-info").get("password").asText(),
            rs.getString("password"));
      }
    }
  }

  @Test void theSandboxKeyIsNotTheEnvironmentsKey() {
    // the demo key overlays RENDER_API_KEY, which surefire sets for the other tests
    assertNotEquals(System.getenv("RENDER_API_KEY"), Sandbox.shared().credentials().get("RENDER_API_KEY"));
    assertTrue(Sandbox.shared().credentials().get("RENDER_API_KEY").startsWith("rnd_"));
  }

  @Test void everyExampleOfTheBannerRunsAndReturnsRows() throws SQLException {
    final List<String> examples = Sandbox.shared().exampleQueries().stream()
        .filter(q -> q.contains("render.")).toList();
    assertEquals(3, examples.size(), examples.toString());
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true"); Statement s = c.createStatement()) {
      for (String example : examples) {
        try (ResultSet rs = s.executeQuery(example)) {
          assertTrue(rs.next(), example);
        }
      }
    }
  }

  @Test void theRegisteredSimulatorStartsASimulatorWithTheDemoDataAndStopsIt() throws Exception {
    final List<ProviderSimulator> render = ServiceLoader.load(ProviderSimulator.class).stream()
        .map(ServiceLoader.Provider::get).filter(simulator -> simulator instanceof RenderSandboxSimulator).toList();
    assertEquals(1, render.size());
    final String baseUrl;
    try (RunningSimulator running = render.get(0).startSandbox()) {
      baseUrl = running.baseUrls().get("render");
      assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+/v1"), baseUrl);
      final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/postgres"))
          .header("Authorization", "Bearer " + running.credentials().get("RENDER_API_KEY")).build();
      final JsonNode listing = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
      assertEquals(3, listing.size());
    }
    final HttpRequest after = HttpRequest.newBuilder(URI.create(baseUrl + "/postgres")).build();
    assertThrows(ConnectException.class, () -> HTTP.send(after, HttpResponse.BodyHandlers.discarding()));
  }

  @Test void aRotationRunsInTheSandboxAndLeavesTheNewUserAsTheDefault() throws SQLException {
    final String id = RenderDataset.ANALYTICS;
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true"); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO render.postgres.credentials (postgresId, username)"
          + " VALUES ('" + id + "', 'analytics_user_v2')"));
      assertEquals(1, s.executeUpdate("DELETE FROM render.postgres.credentials WHERE postgresId = '" + id
          + "' AND username = 'analytics_user'"));
      try (ResultSet rs = s.executeQuery("SELECT username, \"default\" FROM render.postgres.credentials"
          + " WHERE postgresId = '" + id + "'")) {
        assertTrue(rs.next());
        assertEquals("analytics_user_v2", rs.getString("username"));
        assertTrue(rs.getBoolean("default"));
        assertFalse(rs.next());
      }
    }
  }
}
