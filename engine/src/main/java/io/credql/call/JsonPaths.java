package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.ObjectKey;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Evaluates the JSONPath expressions of documents (page tokens) with the one JSONPath implementation, {@link ObjectKey}'s. */
public final class JsonPaths {
  private JsonPaths() {
  }

  /** The value at {@code path}, or null if there is none. A key without {@code $} is a top-level field. */
  public static @Nullable JsonNode read(JsonNode document, String path) {
    return ObjectKey.read(document, path);
  }
}
