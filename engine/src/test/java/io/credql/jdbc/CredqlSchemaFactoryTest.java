package io.credql.jdbc;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Calcite model file mounts credql's providers through {@link CredqlSchemaFactory}, with the
 * operand properties a {@code jdbc:credql:} URL takes, and plain Calcite ({@code jdbc:calcite:model=})
 * reads and filters their rows.
 */
class CredqlSchemaFactoryTest {
  private static WireMockServer api;

  @BeforeAll static void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    api.stubFor(get(urlPathEqualTo("/v1/things")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"data\":[{\"id\":1,\"label\":\"one\"},{\"id\":2,\"label\":\"two\"}],\"page\":1,\"pages\":1}")));
  }

  @AfterAll static void stop() {
    api.stop();
  }

  /** A model file with one credql schema called {@code name}, its operand's further entries given as JSON. */
  private static Path model(Path dir, String name, String operand) throws IOException {
    final String providers = Paths.get("src/test/resources/providers").toAbsolutePath().toString()
        .replace("\\", "\\\\");
    final Path model = dir.resolve("model.json");
    Files.writeString(model, "{\"version\": \"1.0\", \"defaultSchema\": \"" + name + "\", \"schemas\": [{\"name\": \""
        + name + "\", \"type\": \"custom\", \"factory\": \"" + CredqlSchemaFactory.class.getName() + "\","
        + " \"operand\": {\"providers\": \"" + providers + "\", \"baseUrl.acme\": \"http://127.0.0.1:" + api.port()
        + "/v1\"" + operand + "}}]}");
    return model;
  }

  private static List<String> labels(Path model, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:lex=JAVA;model=" + model);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> labels = new ArrayList<>();
      while (rs.next()) {
        labels.add(rs.getString("label"));
      }
      return labels;
    }
  }

  @Test void aModelSchemaNamedAfterAProviderReadsItsResourcesAsCredqlDoes(@TempDir Path dir) throws Exception {
    final Path model = model(dir, "acme", ", \"provider\": \"acme\"");
    assertEquals(List.of("one", "two"), labels(model, "SELECT label FROM acme.things.things ORDER BY id"));
    assertEquals(List.of("two"), labels(model, "SELECT label FROM acme.things.things WHERE id = 2"));
  }

  @Test void aModelSchemaWithoutAProviderHoldsEveryProvider(@TempDir Path dir) throws Exception {
    final Path model = model(dir, "credql", "");
    assertEquals(List.of("one"), labels(model, "SELECT label FROM credql.acme.things.things WHERE label = 'one'"));
  }

  @Test void anUnknownProviderInTheOperandIsNamed(@TempDir Path dir) throws Exception {
    final Path model = model(dir, "nope", ", \"provider\": \"nope\"");
    // Calcite reports a schema it cannot make as "Error instantiating JsonCustomSchema(name=nope)", ours as its cause
    final Exception e = assertThrows(Exception.class, () -> labels(model, "SELECT 1"));
    final List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(t.getMessage());
    }
    assertTrue(messages.stream().anyMatch(m -> m != null
        && m.startsWith("schema nope: operand provider 'nope' is not a provider credql knows (known: acme, ")),
        messages.toString());
  }
}
