package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials stay with the server they belong to: a next-page link, a {@code Location} and a 307
 * pointing to another port of 127.0.0.1 reach nothing there, and the query fails saying why.
 */
class SameOriginTest {
  private static final String TOKEN = "engine-test-token"; // surefire sets CREDQL_TEST_TOKEN to it
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
  @RegisterExtension static final WireMockExtension elsewhere = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void answerEverythingElsewhere() {
    elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"items\":[{\"id\":666}],\"username\":\"u\",\"password\":\"p\"}")));
  }

  private static String elsewhereUrl(String path) {
    return "http://127.0.0.1:" + elsewhere.getPort() + path;
  }

  private static String refused(String resource) {
    final SQLException e = assertThrows(SQLException.class, () -> PaginatorTest.ids(api.getPort(), resource, ""));
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertEquals(0, elsewhere.getAllServeEvents().size(), "nothing reached the other server");
    return e.getMessage();
  }

  @Test void aNextPageLinkToAnotherPortIsNotFollowed() {
    api.stubFor(get(urlPathEqualTo("/v1/by-next-url")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"items\":[{\"id\":1}],\"links\":{\"next\":\"" + elsewhereUrl("/v1/by-next-url?after=1") + "\"}}")));
    final String message = refused("by_next_url");
    assertTrue(message.contains("the provider's next page link points to http://127.0.0.1:" + elsewhere.getPort()),
        message);
    assertTrue(message.contains("another server than the one called (http://127.0.0.1:" + api.getPort() + ")"), message);
  }

  @Test void aLinkHeaderToAnotherSchemeIsNotFollowed() {
    api.stubFor(get(urlPathEqualTo("/v1/by-link-header")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"items\":[{\"id\":1}]}")
        .withHeader("Link", "<https://127.0.0.1:" + api.getPort() + "/v1/by-link-header?page=2>; rel=\"next\"")));
    assertTrue(refused("by_link_header").contains("points to https://127.0.0.1:" + api.getPort()));
  }

  @Test void aLocationToAnotherPortIsNotFollowed() {
    api.stubFor(get(urlPathEqualTo("/v1/by-cursor")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", elsewhereUrl("/v1/by-cursor"))));
    assertTrue(refused("by_cursor").contains("the provider's redirect (HTTP 302) points to"));
  }

  @Test void a307ToAnotherPortIsNotFollowed() {
    api.stubFor(get(urlPathEqualTo("/v1/by-cursor")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", elsewhereUrl("/v1/by-cursor"))));
    assertTrue(refused("by_cursor").contains("the provider's redirect (HTTP 307) points to"));
  }

  @Test void aRedirectOnTheSameServerIsFollowedWithItsCredentials() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/v1/by-cursor")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "/v1/moved/by-cursor")));
    api.stubFor(get(urlPathEqualTo("/v1/moved/by-cursor")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\":[{\"id\":7}]}")));
    assertEquals(java.util.List.of(7), PaginatorTest.ids(api.getPort(), "by_cursor", ""));
  }

  @Test void aRedirectedChangeIsNeitherFollowedNorResentAndItsOutcomeIsUnknown() throws SQLException {
    api.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(307)
        .withHeader("Location", elsewhereUrl("/v1/things/1/secret/rotate"))));
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath()
        + ";baseUrl.acme=http://127.0.0.1:" + api.getPort() + "/v1"); Statement s = c.createStatement()) {
      final SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 1"));
      assertTrue(e.getMessage().startsWith("acme.things.thing_secrets.rotateThingSecret: outcome unknown: acme"
          + " answered HTTP 307 (a redirect), which credql does not follow for a change"), e.getMessage());
      assertTrue(e.getMessage().endsWith("It was not re-sent. Check whether it took effect before trying again, e.g."
          + " with SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."), e.getMessage());
    }
    assertEquals(1, api.getAllServeEvents().size(), "sent once");
    assertEquals(0, api.findAll(getRequestedFor(anyUrl())).size());
    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size());
  }
}
