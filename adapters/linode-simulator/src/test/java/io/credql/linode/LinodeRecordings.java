package io.credql.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real Linode data written by nobody on this project, in {@code conformance/linode-recorded}: the
 * SDK's fixtures and a cassette of recorded (sanitized) API traffic; and the shape of a JSON value,
 * to compare the simulator's answers with them.
 */
final class LinodeRecordings {
  /** Surefire runs in the module's directory; the data is at the repository's root. */
  static final Path DIRECTORY = Paths.get("../../conformance/linode-recorded").toAbsolutePath().normalize();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Objects whose keys are data (IP addresses, engine settings), not field names. */
  private static final List<String> OPEN_OBJECTS = List.of("members", "engine_config");

  /** One recorded request and its response. */
  record Interaction(String method, String url, int status, JsonNode body) {
  }

  private LinodeRecordings() {
  }

  /** An SDK fixture, e.g. {@code postgresql_databases_list.json}. */
  static JsonNode fixture(String name) {
    try {
      return JSON.readTree(DIRECTORY.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded traffic of linodego's PostgreSQL suite against api.linode.com, in order. */
  static List<Interaction> cassette() {
    try {
      final JsonNode root = YAML.readTree(DIRECTORY.resolve("TestDatabase_Postgres_Suite.cassette.yaml").toFile());
      final List<Interaction> interactions = new ArrayList<>();
      for (JsonNode interaction : root.get("interactions")) {
        final String body = interaction.path("response").path("body").asText("");
        interactions.add(new Interaction(interaction.path("request").path("method").asText(),
            interaction.path("request").path("url").asText(), interaction.path("response").path("code").asInt(),
            body.isBlank() ? JSON.nullNode() : JSON.readTree(body)));
      }
      return interactions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code n}th (from 0) recorded response to {@code method} on a URL ending with {@code urlEnd}. */
  static JsonNode recorded(String method, String urlEnd, int n) {
    int seen = 0;
    for (Interaction interaction : cassette()) {
      if (interaction.method().equals(method) && interaction.url().endsWith(urlEnd) && seen++ == n) {
        return interaction.body();
      }
    }
    throw new AssertionError("no recorded " + method + " ..." + urlEnd + " #" + n);
  }

  /**
   * Every field path of {@code node} with its JSON type, e.g. {@code hosts.primary -> STRING};
   * the contents of {@link #OPEN_OBJECTS} and of arrays are not descended into.
   */
  static Map<String, String> shape(JsonNode node) {
    final Map<String, String> shape = new TreeMap<>();
    addShape("", node, shape);
    return shape;
  }

  private static void addShape(String prefix, JsonNode node, Map<String, String> shape) {
    node.fields().forEachRemaining(field -> {
      final String path = prefix + field.getKey();
      shape.put(path, field.getValue().getNodeType().name());
      if (field.getValue().isObject() && !OPEN_OBJECTS.contains(field.getKey())) {
        addShape(path + ".", field.getValue(), shape);
      }
    });
  }
}
