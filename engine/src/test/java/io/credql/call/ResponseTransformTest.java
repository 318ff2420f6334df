package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.document.TransformTemplate;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The Go-template response transforms of StackQL's registry documents that credql applies without
 * Go: a body or a field of it wrapped under a key (alone or in a list), each element of a field
 * wrapped under a key; any other template is not recognised.
 */
class ResponseTransformTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String applied(String template, String body) throws Exception {
    final TransformTemplate recognised = requireNonNull(TransformTemplate.recognise(template), template);
    final JsonNode result = ResponseDecoder.transform(recognised, JSON.readTree(body));
    return JSON.writeValueAsString(result);
  }

  @Test void aWholeBodyInAOneElementListUnderAKey() throws Exception {
    assertEquals("[{\"contents\":\"script text\"}]", applied("[{\"contents\": {{ toJson . }}}]", "\"script text\""));
  }

  @Test void oneFieldOfTheBodyInAOneElementListUnderAKey() throws Exception {
    assertEquals("[{\"contents\":{\"a\":1}}]",
        applied("[{\"contents\": {{ toJson .result }}}]", "{\"result\": {\"a\": 1}, \"success\": true}"));
  }

  @Test void eachElementOfAFieldUnderAKey() throws Exception {
    assertEquals("[{\"author\":\"meta\"},{\"author\":\"openai\"}]", applied(
        "[{{ range $i, $v := .result }}{{ if $i }},{{ end }}{\"author\": {{ toJson $v }}}{{ end }}]",
        "{\"result\": [\"meta\", \"openai\"]}"));
  }

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @Test void aTextTemplateReadsAJavaScriptBodyAsOneString() throws Exception {
    api.stubFor(get(urlPathEqualTo("/api/plain/scripts")).willReturn(aResponse()
        .withHeader("Content-Type", "application/javascript").withBody("export default {}")));
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
            + Paths.get("src/test/resources/layered-providers").toAbsolutePath()
            + ";baseUrl.layered=http://127.0.0.1:" + api.getPort() + "/api");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT contents FROM layered.plain.scripts")) {
      assertTrue(rs.next());
      assertEquals("export default {}", rs.getString(1));
      assertFalse(rs.next());
    }
  }

  private static java.util.List<String> rows(String sql) throws Exception {
    final java.util.List<String> rows = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
            + Paths.get("src/test/resources/layered-providers").toAbsolutePath()
            + ";baseUrl.layered=http://127.0.0.1:" + api.getPort() + "/api");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test void aTextTemplateThatParsesTheBodyItselfMakesARowOfEachName() throws Exception {
    api.stubFor(get(urlPathEqualTo("/api/plain/subject_names")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("[\"orders-value\", \"users-key\"]")));
    assertEquals(java.util.List.of("orders-value", "users-key"),
        rows("SELECT subject FROM layered.plain.subject_names"));
  }

  @Test void aJsonTemplateReshapesNestedAnalyticsIntoRows() throws Exception {
    api.stubFor(get(urlPathEqualTo("/api/plain/usage")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"zones\": [{\"groups\": ["
            + "{\"dimensions\": {\"day\": \"2026-11-01\", \"country\": \"NZ\"}, \"sum\": {\"requests\": 1234567}},"
            + "{\"dimensions\": {\"day\": \"2026-11-02\"}, \"sum\": {\"requests\": 5}}]}]}}")));
    assertEquals(java.util.List.of("2026-11-01 1234567 NZ", "2026-11-02 5 null"),
        rows("SELECT day, requests, country FROM layered.plain.usage"));
  }

  @Test void aJsonTemplateOverABodyWithoutItsDataGivesNoRows() throws Exception {
    api.stubFor(get(urlPathEqualTo("/api/plain/usage")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"errors\": null}")));
    assertEquals(java.util.List.of(), rows("SELECT day FROM layered.plain.usage"));
  }

  @Test void anUnbalancedOrOtherTemplateIsNotRecognised() {
    assertNull(TransformTemplate.recognise("[{\"contents\": {{ toJson . }}}"));
    assertNull(TransformTemplate.recognise("{{ range .result }}{{ .name }}{{ end }}"));
  }
}
