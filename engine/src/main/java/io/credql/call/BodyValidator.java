package io.credql.call;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.credql.document.SchemaNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a request body against the request schema, as StackQL does before sending: keys the
 * schema does not have, values of the wrong type, and missing required fields are all reported
 * (never the values themselves, which may be secrets). A key the schema does not list is
 * accepted only where the schema says so ({@code additionalProperties: true}, or a schema that
 * the value must then match): where it says nothing, an unlisted key is far more often a typo. A
 * value fitting one {@code oneOf}/{@code anyOf} alternative is valid, and a required property
 * marked {@code readOnly} is not asked of a request (OpenAPI 3.0).
 */
final class BodyValidator {
  private static final int MAX_DEPTH = 32;

  private BodyValidator() {
  }

  static void validate(SchemaNode schema, JsonNode value, String path, List<String> problems) {
    validate(schema, value, path, problems, 0);
  }

  private static void validate(SchemaNode schema, JsonNode value, String path,
      List<String> problems, int depth) {
    if (value == null || value.isNull() || depth > MAX_DEPTH || schema.allowsAnything()) {
      return;
    }
    final List<String> merged = new ArrayList<>();
    validateMerged(schema, value, path, merged, depth);
    if (!merged.isEmpty() && !fitsAnAlternative(schema, value, path, depth)) {
      problems.addAll(merged);
    }
  }

  /**
   * Whether {@code value} fits one of the schema's {@code oneOf}/{@code anyOf} alternatives on
   * its own: the merged view takes each property from the first alternative that has it, so
   * Cloudflare's page-rule actions ({@code oneOf} objects whose {@code id} enums differ) or
   * Anthropic's message content (a string or a list of blocks) would otherwise be refused.
   */
  private static boolean fitsAnAlternative(SchemaNode schema, JsonNode value, String path, int depth) {
    for (SchemaNode alternative : schema.alternatives()) {
      final List<String> problems = new ArrayList<>();
      validate(alternative, value, path, problems, depth + 1);
      if (problems.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static void validateMerged(SchemaNode schema, JsonNode value, String path,
      List<String> problems, int depth) {
    final String type = schema.type();
    if (schema.isStringOnly() && value.isTextual()) {
      return; // x-stackQL-stringOnly: the value goes as the text it was given, whatever its type
    }
    if (!hasType(value, type)) {
      problems.add((path.isEmpty() ? "the body" : path) + " must be " + article(type) + " " + type
          + ", not " + describe(value));
      return;
    }
    if (value.isObject()) {
      final Map<String, SchemaNode> properties = schema.properties();
      if (!properties.isEmpty() || schema.additionalProperties() != null) {
        final Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          final Map.Entry<String, JsonNode> field = fields.next();
          SchemaNode property = properties.get(field.getKey());
          if (property == null && schema.declaresAdditionalProperties()) {
            property = schema.additionalProperties();
            if (property == null) {
              continue;
            }
          }
          if (property == null) {
            problems.add("unknown field " + join(path, field.getKey()) + " (the schema has: "
                + String.join(", ", properties.keySet()) + ")");
          } else {
            validate(property, field.getValue(), join(path, field.getKey()), problems, depth + 1);
          }
        }
      }
      for (String required : schema.required()) {
        final SchemaNode property = properties.get(required);
        // OpenAPI: a required property that is readOnly is required in responses only
        if (!value.has(required) && (property == null || !property.isReadOnly())) {
          problems.add("missing required field " + join(path, required));
        }
      }
    } else if (value.isArray() && schema.items() != null) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.items(), value.get(i), path + "[" + i + "]", problems, depth + 1);
      }
    }
    final JsonNode enumeration = schema.enumeration();
    if (enumeration != null && enumeration.isArray() && enumeration.size() > 0 && value.isValueNode()) {
      for (JsonNode option : enumeration) {
        if (option.asText().equals(value.asText())) {
          return;
        }
      }
      problems.add(path + " must be one of " + enumeration);
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    switch (type) {
    case "object":
      return value.isObject();
    case "array":
      return value.isArray();
    case "integer":
      return value.isIntegralNumber()
          || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
    case "number":
      return value.isNumber();
    case "boolean":
      return value.isBoolean();
    default:
      return value.isTextual();
    }
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return value.isArray() ? "an array" : "an object";
  }

  private static String article(String type) {
    return type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an" : "a";
  }

  /**
   * The path to {@code key} as a message shows it: a key the user wrote with control characters
   * in it is shown escaped, so that the message stays one line and cannot drive a terminal.
   */
  private static String join(String path, String key) {
    final String shown = key.chars().anyMatch(Character::isISOControl)
        ? new String(JsonStringEncoder.getInstance().quoteAsString(key)) : key;
    return path.isEmpty() ? shown : path + "." + shown;
  }
}
