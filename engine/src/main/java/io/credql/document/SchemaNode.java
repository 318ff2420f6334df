package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A JSON Schema inside an OpenAPI document, with {@code $ref}s followed on access (so recursive
 * schemas are fine) and {@code allOf}/{@code oneOf}/{@code anyOf} merged into one set of properties.
 */
public final class SchemaNode {
  private static final int MAX_REF_DEPTH = 64;

  /** The keywords that restrict what a value may be; a schema holding none of them allows anything. */
  private static final List<String> CONSTRAINING_KEYWORDS = List.of("type", "properties",
      "additionalProperties", "items", "allOf", "oneOf", "anyOf", "enum", "const", "format", "pattern",
      "required", "not");

  private final ServiceDocument document;
  private final JsonNode node;
  private final String pointer;

  SchemaNode(ServiceDocument document, JsonNode node, String pointer) {
    this.document = requireNonNull(document, "document");
    this.pointer = requireNonNull(pointer, "pointer");
    this.node = resolve(document, requireNonNull(node, "node"), pointer);
  }

  private static JsonNode resolve(ServiceDocument document, JsonNode node, String pointer) {
    JsonNode current = node;
    for (int i = 0; current.has("$ref"); i++) {
      if (i > MAX_REF_DEPTH) {
        throw document.invalid(pointer, "$ref chain is circular");
      }
      current = document.resolveRef(current.get("$ref").asText(), pointer + "/$ref");
    }
    return current;
  }

  /** JSON pointer of this schema in its document, for messages. */
  public String pointer() {
    return pointer;
  }

  /**
   * The JSON type: {@code object}, {@code array}, {@code string}, {@code integer}, {@code number}
   * or {@code boolean}; inferred from {@code properties}/{@code items} when not declared.
   */
  public String type() {
    final JsonNode type = node.get("type");
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    for (String combiner : new String[] {"allOf", "oneOf", "anyOf"}) {
      final JsonNode parts = node.get(combiner);
      if (parts != null && parts.isArray()) {
        for (int i = 0; i < parts.size(); i++) {
          final String partType = part(combiner, i).type();
          if (!"string".equals(partType) || parts.get(i).has("type")) {
            return partType;
          }
        }
      }
    }
    if (node.has("properties") || node.has("additionalProperties")) {
      return "object";
    }
    if (node.has("items")) {
      return "array";
    }
    return "string";
  }

  /**
   * Whether this schema constrains nothing (JSON Schema's {@code {}}, as Google's firewall rules
   * give the items of {@code allowed[].ports}): any value fits it.
   */
  public boolean allowsAnything() {
    for (String keyword : CONSTRAINING_KEYWORDS) {
      if (node.has(keyword)) {
        return false;
      }
    }
    return true;
  }

  public boolean isObject() {
    return "object".equals(type());
  }

  public boolean isArray() {
    return "array".equals(type());
  }

  /**
   * Whether the document declares this something other than an object: a string, a number, a
   * boolean, or a list (StackQL makes a row of any such value, any-sdk {@code castItemsArray}).
   */
  public boolean isDeclaredPlainValue() {
    return node.has("type") && !isObject();
  }

  /** An object schema whose one property {@code name} is this schema: the row made of a plain value. */
  SchemaNode asPropertyOf(String name) {
    final com.fasterxml.jackson.databind.node.ObjectNode row =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    row.put("type", "object");
    row.putObject("properties").set(name, node);
    return new SchemaNode(document, row, pointer);
  }

  private SchemaNode part(String combiner, int i) {
    return new SchemaNode(document, node.get(combiner).get(i), pointer + "/" + combiner + "/" + i);
  }

  /**
   * The alternatives of {@code oneOf} and {@code anyOf}, each a schema of its own (empty when
   * there are none): a value is valid when it fits one of them, which the merged view of
   * {@link #properties()} cannot tell.
   */
  public List<SchemaNode> alternatives() {
    final List<SchemaNode> alternatives = new ArrayList<>();
    for (String combiner : new String[] {"oneOf", "anyOf"}) {
      final JsonNode parts = node.get(combiner);
      if (parts != null && parts.isArray()) {
        for (int i = 0; i < parts.size(); i++) {
          alternatives.add(part(combiner, i));
        }
      }
    }
    return alternatives;
  }

  /**
   * Properties, in document order, merged over {@code allOf}, {@code oneOf} and {@code anyOf}. A
   * property with an empty name (PagerDuty's {@code Notification} has one) is left out: no SQL
   * column can be called that, and Calcite cannot expand {@code *} over it.
   */
  public Map<String, SchemaNode> properties() {
    final Map<String, SchemaNode> properties = new LinkedHashMap<>();
    final JsonNode own = node.get("properties");
    if (own != null && own.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = own.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().isEmpty()) {
          continue;
        }
        properties.put(field.getKey(), new SchemaNode(document, field.getValue(),
            pointer + "/properties/" + escape(field.getKey())));
      }
    }
    for (String combiner : new String[] {"allOf", "oneOf", "anyOf"}) {
      final JsonNode parts = node.get(combiner);
      if (parts != null && parts.isArray()) {
        for (int i = 0; i < parts.size(); i++) {
          part(combiner, i).properties().forEach(properties::putIfAbsent);
        }
      }
    }
    return properties;
  }

  /** Names of required properties (merged over {@code allOf}). */
  public Set<String> required() {
    final Set<String> required = new LinkedHashSet<>();
    final JsonNode own = node.get("required");
    if (own != null && own.isArray()) {
      own.forEach(name -> required.add(name.asText()));
    }
    final JsonNode parts = node.get("allOf");
    if (parts != null && parts.isArray()) {
      for (int i = 0; i < parts.size(); i++) {
        required.addAll(part("allOf", i).required());
      }
    }
    return Collections.unmodifiableSet(required);
  }

  /** The schema of array items, or null. */
  public @Nullable SchemaNode items() {
    final JsonNode items = node.get("items");
    if (items != null && items.isObject()) {
      return new SchemaNode(document, items, pointer + "/items");
    }
    for (String combiner : new String[] {"allOf", "oneOf", "anyOf"}) {
      final JsonNode parts = node.get(combiner);
      if (parts != null && parts.isArray()) {
        for (int i = 0; i < parts.size(); i++) {
          final SchemaNode partItems = part(combiner, i).items();
          if (partItems != null) {
            return partItems;
          }
        }
      }
    }
    return null;
  }

  /**
   * Whether the schema says outright that properties it does not list are allowed:
   * {@code additionalProperties: true} or a schema for them.
   */
  public boolean declaresAdditionalProperties() {
    final JsonNode additional = node.get("additionalProperties");
    return additional != null && (additional.isObject() || additional.asBoolean(false));
  }

  /** The schema of properties not listed ({@code additionalProperties: {...}}), or null. */
  public @Nullable SchemaNode additionalProperties() {
    final JsonNode additional = node.get("additionalProperties");
    return additional != null && additional.isObject() && additional.size() > 0
        ? new SchemaNode(document, additional, pointer + "/additionalProperties") : null;
  }

  /** Whether properties not listed are allowed (JSON Schema default: yes). */
  public boolean allowsAdditionalProperties() {
    final JsonNode additional = node.get("additionalProperties");
    return additional == null || !additional.isBoolean() || additional.asBoolean();
  }

  public @Nullable String description() {
    final JsonNode description = node.get("description");
    return description == null || description.isNull() ? null : description.asText();
  }

  public @Nullable String format() {
    final JsonNode format = node.get("format");
    return format == null ? null : format.asText();
  }

  /** The declared default value, or null. */
  public @Nullable JsonNode defaultValue() {
    return node.get("default");
  }

  /** The declared enumeration, or null. */
  public @Nullable JsonNode enumeration() {
    return node.get("enum");
  }

  /** The element name XML gives this value ({@code xml.name}), or null. */
  public @Nullable String xmlName() {
    final JsonNode name = node.path("xml").get("name");
    return name == null || !name.isTextual() ? null : name.asText();
  }

  /** Whether the document asks for this value as a string whatever its type ({@code x-stackQL-stringOnly}). */
  public boolean isStringOnly() {
    return node.path("x-stackQL-stringOnly").asBoolean(false);
  }

  /** The name SQL uses for this property instead of its own ({@code x-stackQL-alias}), or null. */
  public @Nullable String alias() {
    final JsonNode alias = node.get("x-stackQL-alias");
    return alias == null || !alias.isTextual() || alias.asText().isEmpty() ? null : alias.asText();
  }

  public boolean isReadOnly() {
    return node.path("readOnly").asBoolean(false);
  }

  /**
   * Whether the document marks this value secret, by any marker documents in StackQL's format
   * carry: OpenAPI's own {@code format: password} (the registry's Snowflake document) and
   * {@code writeOnly: true}, Azure's {@code x-ms-secret: true} (kept by documents generated from
   * Azure's specifications), {@code x-stackQL-sensitive: true} (the marker StackQL's any-sdk
   * proposes in docs/nested_introspection_analysis.md; its code reads no secret marker yet) and
   * our own {@code x-credql-secret: true}.
   */
  public boolean isMarkedSecret() {
    return "password".equals(format()) || node.path("writeOnly").asBoolean(false)
        || node.path("x-ms-secret").asBoolean(false) || node.path("x-stackQL-sensitive").asBoolean(false)
        || node.path("x-credql-secret").asBoolean(false);
  }

  /** The underlying node, with its own {@code $ref} resolved. */
  public JsonNode node() {
    return node;
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
