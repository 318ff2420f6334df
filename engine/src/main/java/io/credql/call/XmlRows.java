package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credql.document.ObjectKey;
import io.credql.document.SchemaNode;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

/**
 * Rows of an XML response in the shape JSON rows have, so that columns and types work the same:
 * values typed as the schema says (XML has only text), a list wrapper element
 * ({@code <DBInstances><DBInstance/>...</DBInstances>}) read as the list the schema declares, and an
 * empty element as no value. Rows are found by an XPath {@code objectKey}, or by StackQL's
 * {@code schema_driven_xml_v0.1.0} walk.
 */
final class XmlRows {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private XmlRows() {
  }

  /** The elements an XPath selects, each as a JSON row shaped by {@code rowSchema}. */
  static List<JsonNode> select(Document document, ObjectKey key, @Nullable SchemaNode rowSchema)
      throws XPathExpressionException {
    final NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
        .evaluate(key.text(), document, XPathConstants.NODESET);
    final List<JsonNode> rows = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        final JsonNode row = XmlTree.toJson((Element) nodes.item(i));
        rows.add(rowSchema == null ? row : conform(row, rowSchema));
      }
    }
    return rows;
  }

  /**
   * StackQL's {@code schema_driven_xml_v0.1.0}: below the root element (and, for AWS's query
   * protocol, its {@code ...Result} child) either the payload is one row (it has a field of the
   * row schema) or its first list-like member holds the rows. Answers
   * {@code {"<listProperty>": [rows]}}, the shape the document's {@code objectKey} expects.
   */
  static ObjectNode schemaDriven(Document document, String listProperty, SchemaNode rowSchema,
      @Nullable String protocol) {
    final ObjectNode result = NODES.objectNode();
    final ArrayNode rows = result.putArray(listProperty);
    JsonNode payload = XmlTree.toJson(document.getDocumentElement());
    if (!payload.isObject()) {
      return result;
    }
    if ("query".equals(protocol)) {
      for (String name : sortedNames(payload)) {
        if (name.endsWith("Result") && payload.get(name).isObject()) {
          payload = payload.get(name);
          break;
        }
      }
    }
    final Map<String, SchemaNode> fields = rowSchema.properties();
    for (String name : fields.keySet()) {
      if (payload.has(name)) {
        rows.add(conform(payload, rowSchema));
        return result;
      }
    }
    final JsonNode member = listMember(payload);
    for (JsonNode row : listOf(member)) {
      if (row.isObject()) {
        rows.add(conform(row, rowSchema));
      }
    }
    return result;
  }

  private static @Nullable JsonNode listMember(JsonNode payload) {
    final List<String> names = sortedNames(payload);
    for (String name : names) {
      if (payload.get(name).isArray()) {
        return payload.get(name);
      }
    }
    for (String name : names) {
      if (payload.get(name).isObject() && payload.get(name).has("item")) {
        return payload.get(name);
      }
    }
    for (String name : names) {
      final JsonNode value = payload.get(name);
      if (value.isObject() && value.size() == 1 && value.elements().next().isContainerNode()) {
        return value;
      }
    }
    return null;
  }

  private static List<JsonNode> listOf(@Nullable JsonNode member) {
    final List<JsonNode> rows = new ArrayList<>();
    if (member == null || member.isTextual()) {
      return rows;
    }
    if (member.isArray()) {
      member.forEach(rows::add);
      return rows;
    }
    if (member.has("item")) {
      return listOf(member.get("item"));
    }
    if (member.size() == 1 && member.elements().next().isContainerNode()) {
      return listOf(member.elements().next());
    }
    rows.add(member);
    return rows;
  }

  private static List<String> sortedNames(JsonNode object) {
    final List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }

  /** {@code value} read from XML, typed and listed as {@code schema} says. */
  static JsonNode conform(JsonNode value, SchemaNode schema) {
    switch (schema.type()) {
    case "array": {
      final ArrayNode list = NODES.arrayNode();
      final SchemaNode items = schema.items();
      JsonNode elements = value;
      if (value.isObject() && value.size() == 1) {
        elements = value.elements().next();
      } else if (value.isTextual() && value.asText().isBlank()) {
        return list;
      }
      if (!elements.isArray()) {
        list.add(items == null ? elements : conform(elements, items));
      } else {
        elements.forEach(e -> list.add(items == null ? e : conform(e, items)));
      }
      return list;
    }
    case "object": {
      if (!value.isObject()) {
        return value.isTextual() && value.asText().isBlank() ? NODES.nullNode() : value;
      }
      final Map<String, SchemaNode> properties = new TreeMap<>(schema.properties());
      final ObjectNode object = NODES.objectNode();
      final Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        final SchemaNode property = properties.get(field.getKey());
        object.set(field.getKey(), property == null ? field.getValue() : conform(field.getValue(), property));
      }
      return object;
    }
    case "integer":
    case "number":
      if (value.isTextual()) {
        try {
          return NODES.numberNode(new BigDecimal(value.asText().trim()));
        } catch (NumberFormatException e) {
          return value.asText().isBlank() ? NODES.nullNode() : value;
        }
      }
      return value;
    case "boolean":
      if (value.isTextual()) {
        final String text = value.asText().trim();
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
            ? NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)))
            : text.isEmpty() ? NODES.nullNode() : value;
      }
      return value;
    default:
      return value;
    }
  }
}
