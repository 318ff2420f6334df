package io.credql.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Renders a StackQL query file ({@code .iql}) with its data: {@code {{ .values.name }}} takes
 * {@code values.name} from the {@code --iqldata} file (JSON or YAML) or from a
 * {@code <<<json ... >>>} block at the top of the file, as StackQL's Go templates do. Only value
 * references are rendered; Go's actions ({@code range}, {@code if}, ...) and jsonnet are refused
 * with a message, never left for the SQL parser to trip on. A single-word reference
 * ({@code {{ .name }}}) that the data lacks is left for {@code --var}.
 */
final class IqlTemplate {
  private static final Pattern REFERENCE =
      Pattern.compile("\\{\\{\\s*\\.([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*}}");
  private static final Pattern ACTION =
      Pattern.compile("\\{\\{-?\\s*(range|if|with|else|end|template|define|block)\\b");
  private static final Pattern INLINE_DATA =
      Pattern.compile("\\A\\s*<<<(json|jsonnet)\\s*\\n(.*?)\\n\\s*>>>\\s*?\\n?", Pattern.DOTALL);

  private IqlTemplate() {
  }

  /**
   * The mappers, made when a script first has template data: every script is rendered, and making
   * a YAML mapper is a noticeable part of a one-statement {@code ./credql -e}'s start.
   */
  private static final class Mappers {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /** Parses a data file's text; {@code origin} names it in errors. */
  static JsonNode data(String text, String origin) throws UsageException {
    requireNonNull(text, "text");
    try {
      final JsonNode data = Mappers.YAML.readTree(text);
      if (data == null || !data.isObject()) {
        throw new UsageException(origin + " must hold a JSON or YAML object, as in {\"values\": {\"region\": \"us-east\"}}");
      }
      return data;
    } catch (JsonProcessingException e) {
      throw new UsageException(origin + " is neither JSON nor YAML (" + e.getOriginalMessage()
          + "); jsonnet is not supported: write the data as JSON");
    }
  }

  /** The script with its references filled from {@code data} (may be null) and its inline data block. */
  static String render(String script, @Nullable JsonNode data) throws UsageException {
    requireNonNull(script, "script");
    String body = script;
    JsonNode values = data;
    final Matcher inline = INLINE_DATA.matcher(script);
    if (inline.find()) {
      final JsonNode block = data(inline.group(2), "the <<<" + inline.group(1) + " block");
      body = script.substring(inline.end());
      values = values == null ? block : merge(block, values);
    }
    final Matcher action = ACTION.matcher(body);
    if (action.find()) {
      throw new UsageException("{{ " + action.group(1) + " }}: Go template actions are not supported;"
          + " only value references such as {{ .values.name }}");
    }
    if (values == null) {
      return body;
    }
    final Set<String> missing = new LinkedHashSet<>();
    final Matcher matcher = REFERENCE.matcher(body);
    final StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      final String path = matcher.group(1);
      JsonNode value = values;
      for (String part : path.split("\\.")) {
        value = value.path(part);
      }
      if (value instanceof MissingNode) {
        if (path.contains(".")) {
          missing.add("." + path);
        }
        matcher.appendReplacement(rendered, Matcher.quoteReplacement(matcher.group()));
      } else {
        matcher.appendReplacement(rendered, Matcher.quoteReplacement(text(value)));
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("the template data has no value for " + String.join(", ", missing));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  /** Scalars as their text, objects and arrays as JSON (what a query needs in {@code @@json}). */
  private static String text(JsonNode value) {
    if (value.isValueNode()) {
      return value.isNull() ? "null" : value.asText();
    }
    try {
      return Mappers.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's data, with the {@code --iqldata} file's values winning. */
  private static JsonNode merge(JsonNode inline, JsonNode file) {
    final com.fasterxml.jackson.databind.node.ObjectNode merged = inline.deepCopy();
    merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) file);
    return merged;
  }
}
