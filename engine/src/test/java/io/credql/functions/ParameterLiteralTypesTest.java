package io.credql.functions;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WHERE literal whose type cannot be its parameter's value is refused in one line naming the
 * parameter, its type and the value's type, and nothing is sent; text is taken as StackQL takes it.
 */
class ParameterLiteralTypesTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  @BeforeEach void answer() {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"k1\", \"label\": \"first\"}")));
  }

  private static Connection connect() throws SQLException {
    return TestProviders.in("template-providers").calling("tmplco", AcmeApi.base(api) + "/v1").connect();
  }

  private static String refusal(String where) {
    final String message = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT label FROM tmplco.vault.keys WHERE " + where)) {
        rs.next();
      }
    }).getMessage();
    assertEquals(0, api.getAllServeEvents().size(), "nothing was sent");
    assertTrue(!message.contains("\n"), message);
    return message;
  }

  private static String label(String where) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT label FROM tmplco.vault.keys WHERE " + where)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test void aBooleanForAnIntegerParameterIsRefusedNamingBoth() {
    assertEquals("version is an integer parameter, but the value compared with it is a boolean (TRUE or FALSE):"
        + " give a number, as in version = 123; nothing was sent", refusal("keyId = 'k1' AND version = TRUE"));
  }

  @Test void aBooleanInAnInListForAnIntegerParameterIsRefusedByCalcitesValidator() {
    assertEquals("Values in expression list must have compatible types", refusal("keyId = 'k1' AND version IN (2, TRUE)"));
  }

  @Test void aBooleanComparedEitherWayRoundOrUnderNotIsRefused() {
    assertTrue(refusal("keyId = 'k1' AND NOT (TRUE <> version)").startsWith("version is an integer parameter"));
  }

  @Test void aNumberForABooleanParameterIsRefused() {
    assertEquals("includeRetired is a boolean parameter, but the value compared with it is a number:"
        + " give TRUE or FALSE, as in includeRetired = TRUE; nothing was sent",
        refusal("keyId = 'k1' AND includeRetired = 1"));
  }

  @Test void aDateForAStringParameterIsRefused() {
    assertEquals("keyId is a string parameter, but the value compared with it is a date or time:"
        + " give it as text, as in keyId = '...'; nothing was sent", refusal("keyId = DATE '2024-01-01'"));
  }

  @Test void textThatIsNotANumberForAnIntegerParameterIsRefusedByTheInputCheck() {
    assertTrue(refusal("keyId = 'k1' AND version = 'three'").contains("version of tmplco.vault.keys.get must be an"
        + " integer, not 'three'"));
  }

  @Test void aNumberWrittenAsTextIsTakenAsStackqlTakesIt() throws SQLException {
    assertEquals("first", label("keyId = 'k1' AND version = '3' AND includeRetired = 'true'"));
    assertEquals("/v1/keys/k1?version=3&includeRetired=true", api.getAllServeEvents().get(0).getRequest().getUrl());
  }
}
