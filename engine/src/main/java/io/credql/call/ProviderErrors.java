package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a provider's error body in the shapes providers use: {@code {errors: [{reason, field}]}},
 * {@code {error_code, message}}, {@code {error_code, error_msg}}, {@code {id, message}},
 * {@code {error, error_description}}, {@code {message}}; anything else as (short) text.
 */
final class ProviderErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 300;

  /** A provider's error code (may be null) and message. */
  static final class Described {
    final @Nullable String code;
    final String message;

    Described(@Nullable String code, String message) {
      this.code = code;
      this.message = message;
    }
  }

  private ProviderErrors() {
  }

  static Described describe(byte[] body, String fallback) {
    final String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return new Described(null, fallback);
    }
    final JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (Exception e) {
      return new Described(null, shorten(text));
    }
    if (tree == null || !tree.isObject()) {
      return new Described(null, shorten(text));
    }
    final JsonNode errors = tree.get("errors");
    if (errors != null && errors.isArray() && errors.size() > 0) {
      final List<String> reasons = new ArrayList<>();
      for (JsonNode error : errors) {
        final String reason = error.path("reason").asText(error.path("message").asText(error.toString()));
        final JsonNode field = error.get("field");
        reasons.add(field == null || field.isNull() || field.asText().isEmpty()
            ? reason : reason + " (field: " + field.asText() + ")");
      }
      return new Described(null, String.join("; ", reasons));
    }
    final String code = firstText(tree, "error_code", "errorCode", "code", "id");
    final String message = firstText(tree, "error_msg", "message", "error_description",
        "errorSummary", "errorMessage", "detail", "title");
    if (message != null) {
      return new Described(code, message);
    }
    final JsonNode error = tree.get("error");
    if (error != null && error.isObject()) {
      return new Described(firstText(error, "status", "code"),
          error.path("message").asText(shorten(error.toString())));
    }
    if (error != null && error.isTextual()) {
      return new Described(code, error.asText());
    }
    return new Described(code, shorten(text));
  }

  private static @Nullable String firstText(JsonNode node, String... names) {
    for (String name : names) {
      final JsonNode value = node.get(name);
      if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
        return value.asText();
      }
    }
    return null;
  }

  private static String shorten(String text) {
    final String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) + "..." : oneLine;
  }
}
