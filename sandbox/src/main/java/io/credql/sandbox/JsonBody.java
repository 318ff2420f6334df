package io.credql.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/**
 * The body of a simulator's JSON answer: the tree written compactly as UTF-8, the one way every
 * simulator writes what it answers.
 */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {
  }

  /** {@code body} as the bytes of a response. */
  public static byte[] of(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // a tree built in memory always writes; reaching here is a bug in the simulator
      throw new UncheckedIOException(e);
    }
  }
}
