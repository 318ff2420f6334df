package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read the document sends as a GET with a body (Datadog's historical signals search) is sent
 * so, with the connection's credentials, and its answer is read as any other; a redirect of it to
 * another server is not followed.
 */
class BodiedGetInterceptorTest {
  private static final String TOKEN = "engine-test-token"; // surefire sets CREDQL_TEST_TOKEN to it
  private static final String SEARCH = "SELECT id FROM warehouse.stores.signals"
      + " WHERE filter = '{\"query\": \"source:cloudtrail\"}'";
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
  @RegisterExtension static final WireMockExtension elsewhere = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/page-names-providers").toAbsolutePath()
        + ";baseUrl.warehouse=http://127.0.0.1:" + api.getPort() + "/v1");
  }

  @Test void aGetWithABodyCarriesItsBodyAndTheConnectionsCredentials() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/v1/signals/search")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"data\": [{\"id\": \"sig-1\"}, {\"id\": \"sig-2\"}]}")));
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SEARCH)) {
      assertTrue(rs.next());
      assertEquals("sig-1", rs.getString(1));
      assertTrue(rs.next());
      assertEquals("sig-2", rs.getString(1));
      assertFalse(rs.next());
    }
    final List<LoggedRequest> received = api.findAll(anyRequestedFor(anyUrl()));
    assertEquals(1, received.size());
    final LoggedRequest request = received.get(0);
    assertEquals("GET", request.getMethod().getName());
    assertEquals("{\"filter\":{\"query\":\"source:cloudtrail\"}}", request.getBodyAsString());
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
  }

  @Test void aGetWithABodyRedirectedToAnotherServerIsNotFollowed() throws SQLException {
    elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"data\": [{\"id\": \"elsewhere\"}]}")));
    api.stubFor(get(urlPathEqualTo("/v1/signals/search")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/v1/signals/search")));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(SEARCH).next());
      assertTrue(e.getMessage().contains("the provider's redirect (HTTP 307) points to"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
    assertEquals(0, elsewhere.getAllServeEvents().size(), "nothing reached the other server");
  }
}
