package io.credql.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * An XML response as the same JSON tree a JSON API would send: an element with child elements
 * becomes an object of its children (a name repeated becomes a list), a leaf element becomes its
 * text, attributes become fields. Namespace prefixes are dropped, as XPath keys in StackQL's
 * documents ({@code /*}{@code /*}{@code /DBInstances/DBInstance}) are written without them.
 * Document types are refused, so no entity is ever expanded or fetched.
 */
final class XmlTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private XmlTree() {
  }

  /** Parses a body; names are left unqualified so that XPath ignores namespaces. */
  static Document parse(byte[] body) throws IOException {
    try {
      final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      final DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(body));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@code {"<root name>": <root as JSON>}}, the whole document. */
  static ObjectNode document(Document document) {
    final ObjectNode wrapper = NODES.objectNode();
    final Element root = document.getDocumentElement();
    wrapper.set(name(root), toJson(root));
    return wrapper;
  }

  /** One element as JSON: an object of its children and attributes, or its text if it has none. */
  static JsonNode toJson(Element element) {
    final NamedNodeMap attributes = element.getAttributes();
    final List<Element> children = new ArrayList<>();
    final NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        children.add((Element) nodes.item(i));
      }
    }
    int ownAttributes = 0;
    for (int i = 0; i < attributes.getLength(); i++) {
      if (!attributes.item(i).getNodeName().startsWith("xmlns")) {
        ownAttributes++;
      }
    }
    if (children.isEmpty() && ownAttributes == 0) {
      return NODES.textNode(element.getTextContent());
    }
    final Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
    for (Element child : children) {
      byName.computeIfAbsent(name(child), n -> new ArrayList<>()).add(toJson(child));
    }
    final ObjectNode object = NODES.objectNode();
    for (int i = 0; i < attributes.getLength(); i++) {
      final Node attribute = attributes.item(i);
      if (!attribute.getNodeName().startsWith("xmlns")) {
        object.put(unprefixed(attribute.getNodeName()), attribute.getNodeValue());
      }
    }
    byName.forEach((name, values) -> {
      if (values.size() == 1) {
        object.set(name, values.get(0));
      } else {
        final ArrayNode list = object.putArray(name);
        values.forEach(list::add);
      }
    });
    if (children.isEmpty() && !element.getTextContent().isBlank()) {
      object.put("#text", element.getTextContent());
    }
    return object;
  }

  static String name(Node node) {
    return unprefixed(node.getNodeName());
  }

  private static String unprefixed(String name) {
    final int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }
}
