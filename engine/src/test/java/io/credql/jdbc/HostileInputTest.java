package io.credql.jdbc;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.credql.AcmeApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a careless or hostile statement gets: Unicode simply works, and every malformed input is
 * refused with one line that names the problem, never an internal message, never the secret.
 */
class HostileInputTest {
  @RegisterExtension static final WireMockExtension api = AcmeApi.fake();

  @BeforeEach void stubs() {
    api.stubFor(get(urlPathEqualTo("/v1/things"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"data\":[{\"id\":1,\"label\":\"日本\"},{\"id\":2,\"label\":\"plain\"}],"
                + "\"page\":1,\"pages\":1}")));
    api.stubFor(get(urlPathMatching("/v1/things/[0-9]+"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"id\":3,\"label\":\"three\"}")));
  }

  private static Connection connect(String extra) throws SQLException {
    return AcmeApi.connect(api, extra);
  }

  private static List<String> labels(String sql) throws SQLException {
    try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> labels = new ArrayList<>();
      while (rs.next()) {
        labels.add(rs.getString("label"));
      }
      return labels;
    }
  }

  private static String error(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }).getMessage();
  }

  private static void assertOneClearLine(String message) {
    assertFalse(message.isBlank(), "an empty message");
    assertFalse(message.contains("\n"), message);
    for (String internal : new String[] {"Exception", "Error:", "Overflow", "not a literal",
        "Code grows", "Lexical error", "Encountered"}) {
      assertFalse(message.contains(internal), message);
    }
  }

  @Test void aNonLatinLiteralFiltersRows() throws SQLException {
    assertEquals(List.of("日本"), labels("SELECT label FROM acme.things.things WHERE label = '日本'"));
  }

  @Test void aNonLatinPasswordGoesIntoTheBodyAndNeverIntoAnError() throws SQLException {
    try (Connection c = connect(";dryRun=true"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC acme.things.thing_tokens.generate @thingId = 7 "
             + "@@json = '{\"ttl\": \"Пароль_тайный\"}'")) {
      assertTrue(rs.next());
      assertTrue(rs.getString("url").endsWith("/v1/things/7/tokens"), rs.getString("url"));
    }
  }

  @Test void malformedJsonIsPlacedButNeverQuoted() {
    final String message = error("EXEC acme.things.thing_tokens.generate @thingId = 7 "
        + "@@json = '{\"ttl\": LeakyTokenValue123}'");
    assertFalse(message.contains("LeakyTokenValue123"), message);
    assertTrue(message.contains("line 1, column"), message);
    assertOneClearLine(message);
  }

  @Test void aBooleanWhereANumberIsExpectedNamesTheParameter() {
    final String message = error("EXEC acme.things.thing_tokens.generate @thingId = true "
        + "@@json = '{\"ttl\": \"900s\"}'");
    assertTrue(message.contains("thingId"), message);
    assertOneClearLine(message);
  }

  @Test void textComparedWithANumericColumnIsRefusedClearly() {
    final String message = error("SELECT label FROM acme.things.things WHERE id = 'abc'");
    assertTrue(message.startsWith("'abc' is not a number, but it is compared with a numeric column"), message);
    assertOneClearLine(message);
  }

  @Test void textComparedWithABooleanColumnIsRefusedClearly() {
    final String message = error("SELECT label FROM acme.things.things WHERE CAST(id > 1 AS BOOLEAN) = 'maybe'");
    assertTrue(message.startsWith("'maybe' cannot be converted to the type of the column it is compared with"), message);
    assertOneClearLine(message);
  }

  @Test void aNumberTooLargeForItsColumnIsRefusedClearly() {
    final String message = error("SELECT label FROM acme.things.things WHERE thingId = 123456789012345678901");
    assertTrue(message.contains("123456789012345678901"), message);
    assertOneClearLine(message);
  }

  @Test void aNumberTooLargeForAParameterIsRefusedClearly() {
    final String message = error("EXEC acme.things.thing_tokens.generate @thingId = 123456789012345678901 "
        + "@@json = '{\"ttl\": \"900s\"}'");
    assertTrue(message.contains("123456789012345678901, a number too large"), message);
    assertOneClearLine(message);
  }
}
