package io.credql.call;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document's {@code config.retry} (StackQL's retry policy), declared on a resource or on an
 * operation, decides how reads are retried; a mutation is sent once even where the policy lists
 * its HTTP method.
 */
class DeclaredRetryPolicyTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final ResponseDefinitionBuilder FAILING = aResponse().withStatus(500)
      .withHeader("Content-Type", "application/json").withBody("{\"message\": \"try again\"}");
  private static final ResponseDefinitionBuilder ITEMS = aResponse()
      .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"id\": 1}, {\"id\": 2}]}");

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/retry-providers").toAbsolutePath()
        + ";baseUrl.flaky=http://127.0.0.1:" + api.getPort() + "/v1");
  }

  private static List<Long> ids(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<Long> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong("id"));
      }
      return ids;
    }
  }

  /** {@code path} answers 500 {@code failures} times, then the items. */
  private static void failsThenAnswers(String path, int failures) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures; i++) {
      api.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
          .willReturn(FAILING).willSetStateTo("failed " + (i + 1)));
      state = "failed " + (i + 1);
    }
    api.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(state).willReturn(ITEMS));
  }

  @Test void aReadFailingWithAStatusTheResourcesPolicyListsIsRetried() throws SQLException {
    failsThenAnswers("/v1/items", 1);
    assertEquals(List.of(1L, 2L), ids("SELECT id FROM flaky.core.items"));
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/items")));
  }

  @Test void theResourcesPolicyBoundsTheAttempts() {
    failsThenAnswers("/v1/items", 2);
    final SQLException e = assertThrows(SQLException.class, () -> ids("SELECT id FROM flaky.core.items"));
    assertTrue(e.getMessage().contains("500"), e.getMessage());
    api.verify(2, getRequestedFor(urlPathEqualTo("/v1/items")));
  }

  @Test void anOperationsOwnPolicyApplies() throws SQLException {
    failsThenAnswers("/v1/others", 2);
    assertEquals(List.of(1L, 2L), ids("SELECT id FROM flaky.core.others"));
    api.verify(3, getRequestedFor(urlPathEqualTo("/v1/others")));
  }

  @Test void aMutationIsSentOnceEvenWhenThePolicyListsItsMethod() throws SQLException {
    api.stubFor(post(urlPathEqualTo("/v1/items/touch")).willReturn(FAILING));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXEC flaky.core.items.touch").next());
      assertTrue(e.getMessage().contains("500"), e.getMessage());
    }
    api.verify(1, postRequestedFor(urlPathEqualTo("/v1/items/touch")));
  }
}
