package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a provider's error body in the shapes providers use: {@code {errors: [{reason, field}]}},
 * {@code {error_code, message}}, {@code {error_code, error_msg}}, {@code {id, message}},
 * {@code {error, error_description}}, {@code {message}}, AWS's JSON {@code {__type, message}} and
 * XML {@code <Error><Code/><Message/></Error>}; anything else as (short) text.
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
    if (text.startsWith("<")) {
      final String message = xmlElement(text, "Message");
      return new Described(xmlElement(text, "Code"), message != null ? message : shorten(text));
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
    String code = firstText(tree, "error_code", "errorCode", "code", "__type", "id");
    if (code != null && tree.has("__type")) {
      // AWS may qualify the type: com.amazonaws.secretsmanager#ResourceNotFoundException
      code = code.substring(code.lastIndexOf('#') + 1);
    }
    final String message = firstText(tree, "error_msg", "message", "Message", "error_description",
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

  /** The text of the first {@code <name>} element of an XML error body, entities decoded, or null. */
  private static @Nullable String xmlElement(String xml, String name) {
    final Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    if (!matcher.find() || matcher.group(1).isBlank()) {
      return null;
    }
    return matcher.group(1).trim().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&amp;", "&");
  }

  private static String shorten(String text) {
    final String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) + "..." : oneLine;
  }
}
