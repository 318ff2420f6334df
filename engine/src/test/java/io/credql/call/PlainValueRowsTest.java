package io.credql.call;

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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A response whose rows are plain values (a list of strings) reads as one column,
 * {@code column_anon}, a row per value, as StackQL shows it.
 */
class PlainValueRowsTest {
  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/layered-providers").toAbsolutePath()
        + ";baseUrl.layered=http://127.0.0.1:" + api.getPort() + "/api");
  }

  private static void answer(String body) {
    api.stubFor(get(urlPathMatching("/api/plain/(nested_)?tags")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static List<String> column(String sql) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals("column_anon", rs.getMetaData().getColumnLabel(1).toLowerCase(java.util.Locale.ROOT));
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test void aListOfStringsIsOneColumnWithARowPerString() throws SQLException {
    answer("{\"tags\": [\"blue\", \"green\", null, \"red\"]}");
    assertEquals(List.of("blue", "green", "red"), column("SELECT * FROM layered.plain.tags"));
    assertEquals(List.of("green"), column("SELECT column_anon FROM layered.plain.tags WHERE column_anon LIKE 'g%'"));
  }

  @Test void aListOfListsIsOneColumnHoldingEachInnerListAsJson() throws SQLException {
    answer("{\"tags\": [[\"a\", \"b\"], [\"c\"]]}");
    assertEquals(List.of("[\"a\",\"b\"]", "[\"c\"]"), column("SELECT * FROM layered.plain.nested_tags"));
  }

  @Test void theRawResponseOfSuchAMethodStillShowsTheWholeBody() throws SQLException {
    answer("{\"tags\": [\"blue\"]}");
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXEC layered.plain.tags._list")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).contains("blue"), rs.getString(1));
    }
  }

  @Test void anObjectWherePlainValuesShouldBeIsAnErrorNotARow() {
    answer("{\"tags\": [\"blue\", {\"name\": \"green\"}]}");
    final SQLException e = assertThrows(SQLException.class, () -> column("SELECT * FROM layered.plain.tags"));
    assertTrue(e.getMessage().contains("layered.plain.tags.list: the provider's response holds an object"
        + " at $.tags where its document promises plain values"), e.getMessage());
  }
}
