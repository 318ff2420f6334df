package io.credql.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Masks secrets in text and JSON. A value is secret when its field or parameter name says so
 * ({@code password}, {@code db_user_pwd}, {@code token}, {@code secret}, {@code Authorization}, ...)
 * or when it is a value the connection has registered as secret (a credential read from the
 * environment, a password bound in a statement or returned by a provider).
 */
public final class Redactor {
  /** What a masked value is replaced with. */
  public static final String MASK = "********";

  private static final Pattern SENSITIVE_NAME = Pattern.compile(
      "(?i).*(passw(or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
          + "|authorization|credential|signature|connection.?(pool.?)?string|psqlcommand"
          + "|x-auth|x-security).*");
  private static final int MIN_SECRET_LENGTH = 4;
  /**
   * Names already judged: every field of every row is judged, and the pattern's backtracking cost
   * most of a large listing's decoding; bounded, since a response may use ids as field names.
   */
  private static final Map<String, Boolean> JUDGED_NAMES = new ConcurrentHashMap<>();
  private static final int MAX_JUDGED_NAMES = 10_000;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Whether a field, parameter or header of this name holds a secret. */
  public static boolean isSensitiveName(@Nullable String name) {
    if (name == null) {
      return false;
    }
    final Boolean judged = JUDGED_NAMES.get(name);
    if (judged != null) {
      return judged;
    }
    final boolean sensitive = SENSITIVE_NAME.matcher(name).matches();
    if (JUDGED_NAMES.size() < MAX_JUDGED_NAMES) {
      JUDGED_NAMES.put(name, sensitive);
    }
    return sensitive;
  }

  /** Remembers {@code value} as secret, so it is masked wherever it appears later. */
  public void register(@Nullable String value) {
    if (value != null && value.length() >= MIN_SECRET_LENGTH) {
      secrets.add(value);
    }
  }

  /** Remembers every value under a sensitive name in {@code node} (a request or response body). */
  public void registerSensitiveValues(@Nullable JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        if (isSensitiveName(field.getKey()) && field.getValue().isValueNode()) {
          register(field.getValue().asText());
        } else {
          registerSensitiveValues(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(this::registerSensitiveValues);
    }
  }

  /** {@code text} with every registered secret (also URL- and JSON-encoded) replaced by the mask. */
  public String redact(String text) {
    if (text.isEmpty() || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    final List<String> ordered = new ArrayList<>(secrets);
    ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
    for (String secret : ordered) {
      for (String form : forms(secret)) {
        if (result.contains(form)) {
          result = result.replace(form, MASK);
        }
      }
    }
    return result;
  }

  private static Set<String> forms(String secret) {
    final String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    final String json = TextNode.valueOf(secret).toString();
    return new java.util.LinkedHashSet<>(List.of(secret, urlEncoded,
        urlEncoded.replace("+", "%20"), json.substring(1, json.length() - 1)));
  }

  /**
   * A copy of the response item {@code row} as a reader may see it: values under sensitive names
   * and the {@code secretFields} the document marks are masked (a secret that is not text becomes
   * null, so it keeps its column's type), and registered secrets are redacted in all other text.
   */
  public JsonNode maskRow(JsonNode row, Collection<String> secretFields) {
    if (!row.isObject()) {
      return mask(row);
    }
    final ObjectNode copy = ((ObjectNode) row).objectNode();
    row.fields().forEachRemaining(field -> {
      final JsonNode value = field.getValue();
      if ((isSensitiveName(field.getKey()) || secretFields.contains(field.getKey())) && !value.isNull()) {
        copy.set(field.getKey(), value.isTextual() ? TextNode.valueOf(MASK) : NullNode.getInstance());
      } else {
        copy.set(field.getKey(), mask(value));
      }
    });
    return copy;
  }

  /** A copy of {@code node} with values under sensitive names masked and registered secrets redacted. */
  public JsonNode mask(JsonNode node) {
    if (node.isObject()) {
      final ObjectNode copy = ((ObjectNode) node).objectNode();
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), isSensitiveName(field.getKey()) && !field.getValue().isNull()
            ? TextNode.valueOf(MASK) : mask(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      final ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(element -> copy.add(mask(element)));
      return copy;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(redact(node.asText()));
    }
    return node;
  }

  /** How many secrets are registered (for tests). */
  public int size() {
    return secrets.size();
  }

  @Override public String toString() {
    return "Redactor(" + secrets.size() + " secrets)".toLowerCase(Locale.ROOT);
  }
}
