package io.credql.shell;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.nio.file.Path;
import java.nio.file.Paths;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 answering as the API of the acme test provider (a copy of the
 * engine's, in {@code src/test/resources/providers}), with values that exercise every output
 * format: commas, quotes, newlines and tabs in text, a NULL, typed numbers and booleans.
 */
final class AcmeApi implements AutoCloseable {
  /** What the surefire and failsafe configurations put in {@code CREDQL_TEST_TOKEN}. */
  static final String TOKEN = "shell-test-token";

  /** The label of thing 2, which needs quoting in CSV and escaping in TSV. */
  static final String AWKWARD_LABEL = "comma, \"quote\"\nnew line\ttab";

  private static final java.util.UUID SLOW_SECRETS = java.util.UUID.randomUUID();

  private final WireMockServer server;

  AcmeApi() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    stub();
  }

  /** The provider directory to pass as the {@code providers} connection property. */
  static Path providers() {
    return Paths.get("src/test/resources/providers").toAbsolutePath();
  }

  /** The {@code baseUrl.acme} connection property's value. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** A credql URL reaching this server. */
  String jdbcUrl() {
    return "jdbc:credql:providers=" + providers() + ";baseUrl.acme=" + baseUrl();
  }

  /** How many requests reached the given path. */
  int requestsTo(String path) {
    return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
  }

  /** How many requests reached the server at all. */
  int requests() {
    return server.getAllServeEvents().size();
  }

  private void stub() {
    final String json = "application/json";
    final String bearer = "Bearer " + TOKEN;
    final String awkward = AWKWARD_LABEL.replace("\"", "\\\"").replace("\n", "\\n")
        .replace("\t", "\\t");
    server.stubFor(get(urlPathEqualTo("/v1/things"))
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(aResponse().withHeader("Content-Type", json).withBody("{\"data\":["
            + "{\"id\":1,\"label\":\"plain\",\"weight\":1.5,\"active\":true,\"tags\":[\"a\",\"b\"]},"
            + "{\"id\":2,\"label\":\"" + awkward + "\",\"active\":false,\"tags\":[]}"
            + "],\"page\":1,\"pages\":1,\"results\":2}")));
    server.stubFor(get(urlPathEqualTo("/v1/things/7"))
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(aResponse().withHeader("Content-Type", json)
            .withBody("{\"id\":7,\"label\":\"seven\",\"weight\":7.25,\"active\":true}")));
    server.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret"))
        .withHeader("Authorization", equalTo(bearer))
        .willReturn(aResponse().withHeader("Content-Type", json)
            .withBody("{\"username\":\"root\",\"password\":\"pw-of-{{request.pathSegments.[2]}}\"}")
            .withTransformers("response-template")));
  }

  /** Every secret is answered after {@code millis}, from now until {@link #answerPromptly()}. */
  void answerSecretsAfter(int millis) {
    server.stubFor(get(urlPathMatching("/v1/things/[0-9]+/secret")).atPriority(1)
        .withId(SLOW_SECRETS)
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withFixedDelay(millis)
            .withBody("{\"username\":\"root\",\"password\":\"pw-of-{{request.pathSegments.[2]}}\"}")
            .withTransformers("response-template")));
  }

  /** Thing {@code id} is answered with {@code status} and the JSON {@code body} from now on. */
  void answerThing(int id, int status, String body) {
    server.stubFor(get(urlPathEqualTo("/v1/things/" + id)).atPriority(1)
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
            .withBody(body)));
  }

  void answerPromptly() {
    server.removeStub(server.getSingleStubMapping(SLOW_SECRETS));
  }

  @Override public void close() {
    server.stop();
  }
}
