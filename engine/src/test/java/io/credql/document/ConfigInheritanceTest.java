package io.credql.document;

import io.credql.AcmeApi;
import io.credql.TestProviders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A setting ({@code auth}, {@code pagination}, {@code requestBodyTranslate},
 * {@code queryParamTranspose}) written at any level of a provider — the provider, its
 * providerService entry, the service document, a resource, a method — governs what goes on the wire
 * for the methods below it, and a lower level replaces a higher one.
 */
class ConfigInheritanceTest {
  @TempDir static Path home;

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final String[] LEVELS = {"provider", "entry", "service", "resource", "method"};

  private static Connection connect() throws SQLException {
    return TestProviders.in("layered-providers").calling("layered", AcmeApi.base(api) + "/api")
        .connect(";auditLog=" + home.resolve("audit.jsonl"));
  }

  @Test void aSettingAtEachLevelGovernsTheWire() throws SQLException {
    final String[][] cases = {{"provider", "plain.widgets"}, {"entry", "entry.widgets"},
        {"service", "doc.widgets"}, {"resource", "plain.resource_widgets"}, {"method", "plain.method_widgets"}};
    for (String[] levelAndTable : cases) {
      api.resetAll();
      governsTheWire(levelAndTable[0], levelAndTable[1]);
    }
  }

  private static void governsTheWire(String level, String table) throws SQLException {
    final String path = "/api/" + table.replace("plain.", "plain/").replace("entry.", "entry/")
        .replace("doc.", "doc/");
    api.stubFor(get(urlPathEqualTo(path)).withQueryParam(level + "Cursor", absent()).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"items\": [{\"id\": 1}], \"" + level + "Next\": \"p2\"}")));
    api.stubFor(get(urlPathEqualTo(path)).withQueryParam(level + "Cursor", equalTo("p2")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"id\": 2}]}")));
    api.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"id\": 3, \"name\": \"w\"}")));

    final List<String> ids = new ArrayList<>();
    final boolean transposed = level.equals("provider");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id FROM layered." + table + " WHERE labels = '[\"x\", \"y\"]'")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      assertEquals(List.of("1", "2"), ids, "the second page is asked for with the " + level + "'s pagination");
      final LoggedRequest first = api.getAllServeEvents().get(api.getAllServeEvents().size() - 1).getRequest();
      assertEquals(transposed, !first.queryParameter("labels").isPresent(),
          "AWSCanonical writes labels member by member: " + first.getUrl());
      assertEquals(transposed, first.getUrl().contains("labels.member.1=x"), first.getUrl());

      // the provider says naive (raw field names); every other level says default (data__ names)
      s.execute("INSERT INTO layered." + table + " (" + (level.equals("provider") ? "name" : "data__name")
          + ") VALUES ('w')");
    }
    final LoggedRequest created = api.getAllServeEvents().get(0).getRequest();
    assertEquals("POST", created.getMethod().getName());
    assertEquals("{\"name\":\"w\"}", created.getBodyAsString().replace(" ", ""));
    for (var event : api.getAllServeEvents()) {
      final LoggedRequest request = event.getRequest();
      for (String other : LEVELS) {
        final String header = "X-" + Character.toUpperCase(other.charAt(0)) + other.substring(1) + "-Key";
        if (other.equals(level)) {
          assertEquals("engine-test-token", request.getHeader(header), request.getMethod() + " " + request.getUrl());
        } else {
          assertFalse(request.containsHeader(header), header + " replaced by the " + level + "'s auth");
        }
      }
    }
  }

  @Test void aMethodWithoutAuthOfItsOwnUsesTheProvidersEvenWhenASiblingHasItsOwn() throws SQLException {
    usesTheAuthOf("plain.widgets", true);
    api.resetAll();
    usesTheAuthOf("plain.method_widgets", false);
  }

  private static void usesTheAuthOf(String table, boolean provider) throws SQLException {
    api.stubFor(get(urlPathEqualTo("/api/" + table.replace('.', '/'))).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"items\": []}")));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT id FROM layered.plain.method_widgets").close();
      s.executeQuery("SELECT id FROM layered." + table).close();
    }
    final LoggedRequest last = api.getAllServeEvents().get(0).getRequest();
    assertEquals(provider, last.containsHeader("X-Provider-Key"), last.getUrl());
    assertEquals(!provider, last.containsHeader("X-Method-Key"), last.getUrl());
    assertNull(last.getHeader("Authorization"));
    assertTrue(api.getAllServeEvents().size() >= 1);
  }
}
