package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluates the JSONPath expressions of documents ({@code objectKey}, page tokens) on Jackson trees. */
public final class JsonPaths {
  private static final Configuration CONFIGURATION = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider())
      .mappingProvider(new JacksonMappingProvider())
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();
  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  private JsonPaths() {
  }

  /** The value at {@code path}, or null if there is none. A key without {@code $} is a top-level field. */
  public static @Nullable JsonNode read(JsonNode document, String path) {
    if (!path.startsWith("$")) {
      final JsonNode value = document.get(path);
      return value == null || value.isNull() ? null : value;
    }
    final JsonPath compiled = COMPILED.computeIfAbsent(path, JsonPath::compile);
    final Object value = JsonPath.using(CONFIGURATION).parse(document).read(compiled);
    return value instanceof JsonNode && !((JsonNode) value).isNull() ? (JsonNode) value : null;
  }
}
