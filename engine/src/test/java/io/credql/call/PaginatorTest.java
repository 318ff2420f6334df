package io.credql.call;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every pagination algorithm of StackQL's format reads every page, and a page count that cannot be trusted is an error. */
class PaginatorTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  /** The ids {@code SELECT id FROM pager.items.<resource>} returns from the provider on {@code port}. */
  static List<Integer> ids(int port, String resource, String extra) throws SQLException {
    final List<Integer> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/paging").toAbsolutePath()
        + ";baseUrl.pager=http://127.0.0.1:" + port + "/v1" + extra); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM pager.items." + resource + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static void answer(MappingBuilder request, String body, String... headers) {
    final com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response = aResponse()
        .withHeader("Content-Type", "application/json").withBody(body);
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    api.stubFor(request.willReturn(response));
  }

  private static String items(String key, int... ids) {
    final StringBuilder b = new StringBuilder("\"" + key + "\":[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":").append(ids[i]).append(",\"name\":\"n").append(ids[i]).append("\"}");
    }
    return b.append(']').toString();
  }

  private static String base() {
    return "http://127.0.0.1:" + api.getPort() + "/v1";
  }

  @Test void aNestedCursorInTheBodyIsSentBackInTheQuery() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-cursor")).withQueryParam("cursor", absent()),
        "{" + items("items", 1, 2) + ",\"meta\":{\"next_cursor\":\"c/2+x\"}}");
    answer(get(urlPathEqualTo("/v1/by-cursor")).withQueryParam("cursor", equalTo("c/2+x")),
        "{" + items("items", 3) + ",\"meta\":{\"next_cursor\":null}}");
    assertEquals(List.of(1, 2, 3), ids(api.getPort(), "by_cursor", ""));
  }

  @Test void aTokenInAResponseHeaderIsSentBackInARequestHeader() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-header-token")).withHeader("X-Page-Token", absent()),
        "{" + items("items", 1) + "}", "X-Next-Page", "t2");
    answer(get(urlPathEqualTo("/v1/by-header-token")).withHeader("X-Page-Token", equalTo("t2")),
        "{" + items("items", 2) + "}");
    assertEquals(List.of(1, 2), ids(api.getPort(), "by_header_token", ""));
  }

  @Test void numberedPagesAreReadUntilTheLast() throws SQLException {
    for (int page = 1; page <= 3; page++) {
      answer(get(urlPathEqualTo("/v1/by-page-number"))
          .withQueryParam("page", page == 1 ? absent() : equalTo(Integer.toString(page))),
          "{" + items("items", page) + ",\"page\":" + page + ",\"pages\":3}");
    }
    assertEquals(List.of(1, 2, 3), ids(api.getPort(), "by_page_number", ""));
  }

  @Test void theLinkHeadersNextUrlIsFollowedAsGithubSendsIt() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-link-header")).withQueryParam("page", absent()),
        "{" + items("items", 1) + "}", "Link", "<" + base() + "/by-link-header?page=2&per_page=1>; rel=\"next\", <"
            + base() + "/by-link-header?page=3&per_page=1>; rel=\"last\"");
    answer(get(urlPathEqualTo("/v1/by-link-header")).withQueryParam("page", equalTo("2")),
        "{" + items("items", 2) + "}", "Link", "<" + base() + "/by-link-header?page=1&per_page=1>; rel=\"prev\"");
    assertEquals(List.of(1, 2), ids(api.getPort(), "by_link_header", ""));
  }

  @Test void anAbsoluteNextUrlInTheBodyIsFollowed() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-next-url")).withQueryParam("after", absent()),
        "{" + items("items", 1) + ",\"links\":{\"next\":\"" + base() + "/by-next-url?after=1\"}}");
    answer(get(urlPathEqualTo("/v1/by-next-url")).withQueryParam("after", equalTo("1")),
        "{" + items("items", 2) + ",\"links\":{\"next\":null}}");
    assertEquals(List.of(1, 2), ids(api.getPort(), "by_next_url", ""));
  }

  @Test void odataNextLinkIsFollowedAsAzureSendsIt() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-odata-next-link")).withQueryParam("$skiptoken", absent()),
        "{" + items("value", 1) + ",\"nextLink\":\"" + base() + "/by-odata-next-link?$skiptoken=abc%3D%3D\"}");
    answer(get(urlPathEqualTo("/v1/by-odata-next-link")).withQueryParam("$skiptoken", equalTo("abc==")),
        "{" + items("value", 2) + "}");
    assertEquals(List.of(1, 2), ids(api.getPort(), "by_odata_next_link", ""));
  }

  @Test void aTokenMarkedEncodingNoneIsSentWithoutEncodingItAgain() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-encoded-token")).withQueryParam("pageToken", absent()),
        "{" + items("items", 1) + ",\"nextPageToken\":\"a%2Fb\"}");
    answer(get(urlPathEqualTo("/v1/by-encoded-token")).withQueryParam("pageToken", equalTo("a/b")),
        "{" + items("items", 2) + "}");
    assertEquals(List.of(1, 2), ids(api.getPort(), "by_encoded_token", ""));
    assertEquals("/v1/by-encoded-token?pageToken=a%2Fb", api.getAllServeEvents().get(0).getRequest().getUrl());
  }

  @Test void offsetPagingCountsTheRowsRead() throws SQLException {
    answer(get(urlPathEqualTo("/v1/by-offset")).withQueryParam("offset", absent()),
        "{" + items("items", 1, 2) + ",\"total\":3}");
    answer(get(urlPathEqualTo("/v1/by-offset")).withQueryParam("offset", equalTo("2")),
        "{" + items("items", 3) + ",\"total\":3}");
    assertEquals(List.of(1, 2, 3), ids(api.getPort(), "by_offset", ""));
  }

  @Test void withoutAPaginationConfigNextPageTokenIsSentBackAsPageTokenAsStackqlDoes() throws SQLException {
    answer(get(urlPathEqualTo("/v1/google-style")).withQueryParam("pageToken", absent()),
        "{" + items("items", 1) + ",\"nextPageToken\":\"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA\"}");
    answer(get(urlPathEqualTo("/v1/google-style")).withQueryParam("pageToken", equalTo("CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA")),
        "{" + items("items", 2) + "}");
    assertEquals(List.of(1, 2), ids(api.getPort(), "google_style", ""));
  }

  @Test void withoutAPaginationConfigAnODataNextLinkIsFollowed() throws SQLException {
    answer(get(urlPathEqualTo("/v1/azure-style")).withQueryParam("$skipToken", absent()),
        "{" + items("value", 1) + ",\"nextLink\":\"" + base() + "/azure-style?api-version=2024-08-01&$skipToken=2\"}");
    answer(get(urlPathEqualTo("/v1/azure-style")).withQueryParam("$skipToken", equalTo("2")),
        "{" + items("value", 2) + ",\"@odata.nextLink\":\"" + base() + "/azure-style?$skipToken=3\"}");
    answer(get(urlPathEqualTo("/v1/azure-style")).withQueryParam("$skipToken", equalTo("3")),
        "{" + items("value", 3) + ",\"nextLink\":null}");
    assertEquals(List.of(1, 2, 3), ids(api.getPort(), "azure_style", ""));
  }

  @Test void aProviderReportingABillionPagesIsRefusedAtOnceNamingPageLimit() {
    answer(get(urlPathEqualTo("/v1/by-page-number")), "{" + items("items", 1) + ",\"page\":1,\"pages\":1e9}");
    final SQLException e = assertThrows(SQLException.class, () -> ids(api.getPort(), "by_page_number", ""));
    assertTrue(e.getMessage().contains("reports 1000000000 pages"), e.getMessage());
    assertTrue(e.getMessage().contains("pageLimit=1000"), e.getMessage());
    assertEquals(1, api.getAllServeEvents().size(), "no page after the first was asked for");
  }

  @Test void aPageCountThatIsNotANumberIsAnErrorNotTheFirstPageAlone() {
    answer(get(urlPathEqualTo("/v1/by-page-number")), "{" + items("items", 1) + ",\"page\":1,\"pages\":\"five\"}");
    final SQLException e = assertThrows(SQLException.class, () -> ids(api.getPort(), "by_page_number", ""));
    assertTrue(e.getMessage().contains("page field $.pages is 'five', not a number"), e.getMessage());
  }

  @Test void aProviderThatNeverStopsOfferingPagesMeetsThePageLimit() {
    api.stubFor(get(urlPathEqualTo("/v1/by-cursor")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{" + items("items", 1) + ",\"meta\":{\"next_cursor\":\"{{randomValue length=12 type='ALPHANUMERIC'}}\"}}")
        .withTransformers("response-template")));
    final SQLException e = assertThrows(SQLException.class, () -> ids(api.getPort(), "by_cursor", ";pageLimit=3"));
    assertTrue(e.getMessage().contains("more than 3 pages"), e.getMessage());
    assertTrue(e.getMessage().contains("pageLimit=<pages>"), e.getMessage());
    assertEquals(3, api.findAll(getRequestedFor(anyUrl())).size());
  }

  @Test void aPageLimitThatIsNotAPositiveWholeNumberIsRefusedNamingTheProperty() {
    final SQLException e = assertThrows(SQLException.class, () -> ids(api.getPort(), "by_cursor", ";pageLimit=0"));
    assertTrue(e.getMessage().contains("property pageLimit must be a whole number from 1"), e.getMessage());
    assertEquals(0, api.getAllServeEvents().size());
  }

  @Test void aRepeatedTokenIsAnErrorNotALoop() {
    answer(get(urlPathEqualTo("/v1/by-cursor")), "{" + items("items", 1) + ",\"meta\":{\"next_cursor\":\"same\"}}");
    final SQLException e = assertThrows(SQLException.class, () -> ids(api.getPort(), "by_cursor", ""));
    assertTrue(e.getMessage().contains("same page token twice"), e.getMessage());
    assertEquals(2, api.getAllServeEvents().size());
  }
}
