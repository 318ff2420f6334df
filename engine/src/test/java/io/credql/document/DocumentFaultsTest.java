package io.credql.document;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault in one method of a provider document (a request default that is not JSON, an unknown
 * pagination algorithm, an objectKey that is no path, a parameter {@code $ref} to nothing, an auth
 * type nobody knows) fails that method only, when a statement uses it, with one line naming the
 * document, the method and the problem; every other resource of the service works.
 */
class DocumentFaultsTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return TestProviders.in("faulty-providers").calling("faulty", AcmeApi.base(api)).connect();
  }

  private static String failure(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      final String message = assertThrows(SQLException.class, () -> s.execute(sql)).getMessage();
      assertFalse(message.contains("\n"), "one line: " + message);
      return message;
    }
  }

  @Test void theGoodResourceOfAServiceWithFaultyMethodsWorks() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"id\": \"w1\", \"name\": \"one\"}]}")));
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, name FROM faulty.things.widgets")) {
      assertTrue(rs.next());
      assertEquals("w1 one", rs.getString(1) + " " + rs.getString(2));
      assertFalse(rs.next());
    }
  }

  @Test void anOptionalQueryParameterWithoutANameIsLeftOutAndTheMethodWorks() throws SQLException {
    api.stubFor(get(urlPathEqualTo("/widgets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"id\": \"w1\"}]}")));
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM faulty.things.widgets WHERE page_token = 'p2'")) {
      assertTrue(rs.next());
      assertEquals("w1", rs.getString(1));
    }
    api.verify(1, getRequestedFor(urlEqualTo("/widgets?page_token=p2")));
  }

  @Test void aRequestDefaultThatIsNotJsonFailsOnlyItsMethodNamingTheDocumentAndTheMethod() throws SQLException {
    final String message = failure("EXEC faulty.things.widgets.tag @id = 'w1'");
    assertTrue(message.startsWith("faulty.things.widgets.tag cannot be called: invalid provider document "), message);
    assertTrue(message.contains("things.yaml at /components/x-stackQL-resources/widgets/methods/tag/request/default:"
        + " expected JSON text, got '{}', which is not JSON"), message);
    assertTrue(message.endsWith("; nothing was sent"), message);
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  /** Asserts that {@code sql} fails naming {@code method} and {@code problem}, and that nothing was sent. */
  private static void failsNaming(String sql, String method, String problem) throws SQLException {
    final String message = failure(sql);
    assertTrue(message.startsWith(method + " cannot be called: invalid provider document "), message);
    assertTrue(message.contains(problem), message);
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test void anUnknownPaginationAlgorithmIsNamedWhenItsMethodIsUsed() throws SQLException {
    failsNaming("SELECT * FROM faulty.things.gadgets", "faulty.things.gadgets.list",
        "'leapfrog' is not a pagination algorithm credql knows");
  }

  @Test void anObjectKeyThatIsNoPathIsNamedWhenItsMethodIsUsed() throws SQLException {
    failsNaming("SELECT * FROM faulty.things.sprockets", "faulty.things.sprockets.list",
        "/methods/list/response/objectKey");
  }

  @Test void aParameterRefToNothingIsNamedWhenItsMethodIsUsed() throws SQLException {
    failsNaming("SELECT * FROM faulty.things.gizmos", "faulty.things.gizmos.get",
        "$ref '#/components/parameters/Missing' points to nothing");
  }

  @Test void aSqlVerbNamingAMethodTheResourceLacksFailsThatVerbOnly() throws SQLException {
    failsNaming("DELETE FROM faulty.things.widgets WHERE id = 'w1'", "faulty.things.widgets.remove",
        "/sqlVerbs/delete: refers to method 'remove', which widgets does not define");
  }

  @Test void anUnknownAuthTypeOnOneMethodFailsThatMethodOnly() throws SQLException {
    final String message = failure("SELECT * FROM faulty.things.doodads");
    assertTrue(message.contains("unknown type 'smoke_signal'"), message);
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test void aBinaryBodyCredqlDoesNotWriteIsRefusedNamingItsMediaType() throws SQLException {
    final String message = failure("EXEC faulty.things.widgets.upload_logo @id = 'w1', @image = 'iVBORw0'");
    assertEquals("faulty.things.widgets.upload_logo sends its body as application/octet-stream, which credql"
        + " does not write (it writes JSON, form-urlencoded and XML bodies); nothing was sent", message);
    api.verify(0, anyRequestedFor(anyUrl()));
  }
}
