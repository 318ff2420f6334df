package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.ConformanceDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * StackQL's own registry documents, unchanged, page as their APIs do: GitHub by its {@code Link}
 * header, Databricks by {@code next_page_token}. The fakes answer as each API's reference shows;
 * auth is overridden to a bearer token.
 */
class RegistryPagingConformanceTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static List<String> column(String provider, String sql) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers=" + ConformanceDocuments.stackqlRegistry()
        + ";baseUrl." + provider + "=http://127.0.0.1:" + api.getPort()
        + ";auth={\"" + provider + "\":{\"type\":\"bearer\",\"credentialsenvvar\":\"CREDQL_TEST_TOKEN\"}}");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void answer(com.github.tomakehurst.wiremock.client.MappingBuilder request, String body,
      String... headers) {
    final com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response = aResponse()
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    api.stubFor(request.willReturn(response));
  }

  @Test void githubCampaignsFollowTheLinkHeaderToTheLastPage() throws SQLException {
    final String base = "http://127.0.0.1:" + api.getPort();
    answer(get(urlPathEqualTo("/orgs/octo-org/campaigns")).withQueryParam("page", absent()),
        "[{\"number\":3,\"name\":\"Critical\"}]",
        "Link", "<" + base + "/orgs/octo-org/campaigns?page=2>; rel=\"next\", <" + base
            + "/orgs/octo-org/campaigns?page=2>; rel=\"last\"");
    answer(get(urlPathEqualTo("/orgs/octo-org/campaigns")).withQueryParam("page", equalTo("2")),
        "[{\"number\":4,\"name\":\"Minor\"}]",
        "Link", "<" + base + "/orgs/octo-org/campaigns?page=1>; rel=\"prev\", <" + base
            + "/orgs/octo-org/campaigns?page=1>; rel=\"first\"");
    assertEquals(List.of("3", "4"),
        column("github", "SELECT number FROM github.campaigns.org_campaigns WHERE org = 'octo-org' ORDER BY number"));
  }

  @Test void databricksProjectsFollowNextPageTokenIntoThePageTokenParameter() throws SQLException {
    answer(get(urlPathEqualTo("/api/2.0/postgres/projects")).withQueryParam("page_token", absent()),
        "{\"projects\":[{\"name\":\"projects/orders\"}],\"next_page_token\":\"CAEQAA==\"}");
    answer(get(urlPathEqualTo("/api/2.0/postgres/projects")).withQueryParam("page_token", equalTo("CAEQAA==")),
        "{\"projects\":[{\"name\":\"projects/users\"}]}");
    assertEquals(List.of("projects/orders", "projects/users"), column("databricks_workspace",
        "SELECT name FROM databricks_workspace.postgres.postgres_projects WHERE deployment_name = 'dbc-1' ORDER BY name"));
  }
}
