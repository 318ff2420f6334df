package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An AWS IAM policy (or tags array) in a canonical form, so that two policies AWS evaluates alike
 * compare equal: a single statement or value becomes a one-element list, the lists AWS treats as
 * sets (actions, resources, principals, condition values, {@code Tags}) are sorted, ARNs in them
 * compare without case, and a top-level array (a raw tags array) is a set too, as StackQL's
 * {@code aws_policy_equal} has them. Statements keep their order, as in StackQL's own tests.
 */
final class AwsPolicies {
  private static final Set<String> SET_VALUED =
      Set.of("Action", "NotAction", "Resource", "NotResource", "Tags");
  private static final String TAGS = "Tags";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AwsPolicies() {
  }

  static JsonNode normalize(JsonNode policy) {
    if (policy.isArray()) {
      return sorted(asList(policy));
    }
    if (!policy.isObject()) {
      return policy;
    }
    final ObjectNode result = NODES.objectNode();
    final Iterator<Map.Entry<String, JsonNode>> fields = policy.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("Statement")) {
        final ArrayNode statements = NODES.arrayNode();
        for (JsonNode statement : asList(field.getValue())) {
          statements.add(statement(statement));
        }
        result.set("Statement", statements);
      } else if (field.getKey().equals(TAGS)) {
        result.set(TAGS, sorted(asList(field.getValue())));
      } else {
        result.set(field.getKey(), field.getValue());
      }
    }
    return result;
  }

  private static JsonNode statement(JsonNode statement) {
    if (!statement.isObject()) {
      return statement;
    }
    final ObjectNode result = NODES.objectNode();
    final Iterator<Map.Entry<String, JsonNode>> fields = statement.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String key = field.getKey();
      final JsonNode value = field.getValue();
      if (SET_VALUED.contains(key)) {
        result.set(key, sorted(arnsWithoutCase(asList(value))));
      } else if ((key.equals("Principal") || key.equals("NotPrincipal")) && value.isObject()) {
        result.set(key, valuesAsSets(value, true));
      } else if (key.equals("Condition") && value.isObject()) {
        final ObjectNode conditions = NODES.objectNode();
        value.fields().forEachRemaining(e -> conditions.set(e.getKey(), valuesAsSets(e.getValue(), false)));
        result.set(key, conditions);
      } else {
        result.set(key, value);
      }
    }
    return result;
  }

  private static JsonNode valuesAsSets(JsonNode object, boolean arnsWithoutCase) {
    if (!object.isObject()) {
      return object;
    }
    final ObjectNode result = NODES.objectNode();
    object.fields().forEachRemaining(e -> {
      final List<JsonNode> values = asList(e.getValue());
      result.set(e.getKey(), sorted(arnsWithoutCase ? arnsWithoutCase(values) : values));
    });
    return result;
  }

  /** The values with every ARN in lower case: StackQL compares ARNs in these lists without case. */
  private static List<JsonNode> arnsWithoutCase(List<JsonNode> values) {
    final List<JsonNode> result = new ArrayList<>();
    for (JsonNode value : values) {
      result.add(value.isTextual() && value.textValue().startsWith("arn:")
          ? NODES.textNode(value.textValue().toLowerCase(Locale.ROOT)) : value);
    }
    return result;
  }

  private static List<JsonNode> asList(JsonNode node) {
    final List<JsonNode> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(list::add);
    } else {
      list.add(node);
    }
    return list;
  }

  private static ArrayNode sorted(List<JsonNode> values) {
    final List<JsonNode> copy = new ArrayList<>(values);
    copy.sort((x, y) -> canonical(x).compareTo(canonical(y)));
    final ArrayNode array = NODES.arrayNode();
    copy.forEach(array::add);
    return array;
  }

  /** Text of a node with object keys sorted, to order values independently of key order. */
  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      final List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      final StringBuilder b = new StringBuilder("{");
      for (String key : keys) {
        b.append(key).append(':').append(canonical(node.get(key))).append(',');
      }
      return b.append('}').toString();
    }
    if (node.isArray()) {
      final StringBuilder b = new StringBuilder("[");
      node.forEach(n -> b.append(canonical(n)).append(','));
      return b.append(']').toString();
    }
    return node.toString();
  }
}
