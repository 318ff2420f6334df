package io.credql.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import static java.util.Objects.requireNonNull;

/**
 * A response's {@code objectKey}: a JSONPath for JSON bodies, or an XPath (it starts with
 * {@code /}) for XML bodies. One JSONPath implementation (Jayway's) selects both the rows of a
 * response and the row schema inside the response schema, so the two cannot disagree.
 */
public final class ObjectKey {
  private static final Configuration CONFIGURATION = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider())
      .mappingProvider(new JacksonMappingProvider())
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();
  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
  private static final Pattern FIELD_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
  private static final Map<String, List<String>> FIELD_PATHS = new ConcurrentHashMap<>();
  /** How deep a recursive schema is unfolded to find a row schema. */
  private static final int SHAPE_DEPTH = 12;

  private final String text;
  private final boolean xpath;

  private ObjectKey(String text, boolean xpath) {
    this.text = requireNonNull(text, "text");
    this.xpath = xpath;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying why it is neither a JSONPath nor an XPath
   */
  public static ObjectKey parse(String text) {
    final String trimmed = text.trim();
    if (trimmed.startsWith("/")) {
      try {
        XPathFactory.newInstance().newXPath().compile(trimmed);
      } catch (XPathExpressionException e) {
        throw new IllegalArgumentException("'" + text + "' is not an XPath: " + e.getMessage(), e);
      }
      return new ObjectKey(trimmed, true);
    }
    try {
      compiled(trimmed.startsWith("$") ? trimmed : "$." + trimmed);
    } catch (InvalidPathException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a JSONPath: " + e.getMessage(), e);
    }
    return new ObjectKey(trimmed, false);
  }

  private static JsonPath compiled(String path) {
    return COMPILED.computeIfAbsent(path, JsonPath::compile);
  }

  /** The key as the document writes it. */
  public String text() {
    return text;
  }

  /** Whether this is an XPath, evaluated on the XML of a response rather than on JSON. */
  public boolean isXPath() {
    return xpath;
  }

  /**
   * The value at a JSONPath, or null if there is none. A path without {@code $} is a top-level
   * field (as page-token keys are often written).
   */
  public static @Nullable JsonNode read(JsonNode document, String path) {
    if (!path.startsWith("$")) {
      final JsonNode value = document.get(path);
      return value == null || value.isNull() ? null : value;
    }
    final List<String> fields = FIELD_PATHS.computeIfAbsent(path, ObjectKey::fieldPath);
    if (!fields.isEmpty()) {
      // what JsonPath answers for $.a.b, without its parse context and evaluation per read (a
      // fan-out reads the page tokens of every response)
      JsonNode value = document;
      for (String field : fields) {
        value = value.isObject() ? value.get(field) : null;
        if (value == null) {
          return null;
        }
      }
      return value.isNull() ? null : value;
    }
    final Object value = JsonPath.using(CONFIGURATION).parse(document).read(compiled(path));
    return value instanceof JsonNode && !((JsonNode) value).isNull() ? (JsonNode) value : null;
  }

  /** The fields of a path of plain names such as {@code $.a.b}; empty for any other path. */
  private static List<String> fieldPath(String path) {
    return FIELD_PATH.matcher(path).matches() ? List.of(path.substring(2).split("\\.")) : List.of();
  }

  /** What this JSONPath selects in a JSON response, or null. */
  public @Nullable JsonNode select(JsonNode document) {
    if (xpath) {
      throw new IllegalStateException("an XPath selects from XML, not JSON: " + text);
    }
    return read(document, text.startsWith("$") ? text : "$." + text);
  }

  /**
   * The schema of what this key selects in a response described by {@code response}, or null if
   * the schema does not say. For a JSONPath, the path is evaluated on a skeleton of the schema
   * (one object per schema, arrays holding their item's skeleton) by the same library that
   * selects rows. For an XPath, its element names are followed through properties and array
   * items (an element name matches a property or its {@code xml.name}), starting at the first
   * schema that has the first name: XML wraps what the schema describes in elements of its own.
   */
  public @Nullable SchemaNode schemaOf(SchemaNode response) {
    return xpath ? xpathSchema(response) : jsonPathSchema(response);
  }

  private @Nullable SchemaNode jsonPathSchema(SchemaNode response) {
    final Map<JsonNode, SchemaNode> schemas = new IdentityHashMap<>();
    final JsonNode skeleton = skeleton(response, schemas, 0);
    final JsonNode selected = read(skeleton, text.startsWith("$") ? text : "$." + text);
    if (selected == null) {
      return null;
    }
    final SchemaNode direct = schemas.get(selected);
    if (direct != null) {
      return direct;
    }
    // An indefinite path ([*], ..) answers with a new list of the matching skeletons.
    if (selected.isArray() && selected.size() > 0) {
      return schemas.get(selected.get(0));
    }
    return null;
  }

  private static JsonNode skeleton(SchemaNode schema, Map<JsonNode, SchemaNode> schemas, int depth) {
    final JsonNodeFactory nodes = JsonNodeFactory.instance;
    final JsonNode node;
    if (schema.isArray()) {
      final ArrayNode array = nodes.arrayNode();
      final SchemaNode items = schema.items();
      if (items != null && depth < SHAPE_DEPTH) {
        array.add(skeleton(items, schemas, depth + 1));
      }
      node = array;
    } else {
      final ObjectNode object = nodes.objectNode();
      if (depth < SHAPE_DEPTH) {
        schema.properties().forEach((name, property) ->
            object.set(name, skeleton(property, schemas, depth + 1)));
      }
      node = object;
    }
    schemas.put(node, schema);
    return node;
  }

  private @Nullable SchemaNode xpathSchema(SchemaNode response) {
    final List<String> names = new ArrayList<>();
    for (String step : text.split("/")) {
      final String name = step.replaceAll("\\[.*]$", "").trim();
      if (!name.isEmpty() && !name.equals("*") && !name.equals(".") && !name.startsWith("@")) {
        names.add(name.contains(":") ? name.substring(name.indexOf(':') + 1) : name);
      }
    }
    if (names.isEmpty()) {
      return response;
    }
    final Deque<SchemaNode> queue = new ArrayDeque<>();
    final Deque<Integer> depths = new ArrayDeque<>();
    queue.add(response);
    depths.add(0);
    while (!queue.isEmpty()) {
      final SchemaNode candidate = queue.poll();
      final int depth = depths.poll();
      final SchemaNode found = follow(candidate, names);
      if (found != null) {
        return found;
      }
      if (depth < SHAPE_DEPTH) {
        final SchemaNode inner = candidate.isArray() ? candidate.items() : candidate;
        if (inner != null) {
          for (SchemaNode property : inner.properties().values()) {
            queue.add(property);
            depths.add(depth + 1);
          }
        }
      }
    }
    return null;
  }

  private static @Nullable SchemaNode follow(SchemaNode start, List<String> names) {
    SchemaNode current = start;
    for (String name : names) {
      if (current == null) {
        return null;
      }
      if (current.isArray()) {
        final SchemaNode items = current.items();
        if (items != null && name.equals(items.xmlName())) {
          current = items;
          continue;
        }
        current = items;
        if (current == null) {
          return null;
        }
      }
      current = property(current, name);
    }
    return current;
  }

  private static @Nullable SchemaNode property(SchemaNode object, String name) {
    final Map<String, SchemaNode> properties = object.properties();
    if (properties.containsKey(name)) {
      return properties.get(name);
    }
    for (SchemaNode property : properties.values()) {
      if (name.equals(property.xmlName())) {
        return property;
      }
    }
    return null;
  }

  @Override public String toString() {
    return text;
  }
}
