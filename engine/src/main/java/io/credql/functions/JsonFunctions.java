package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;

/**
 * SQLite's JSON scalar functions: {@code json}, {@code json_extract}, {@code json_type},
 * {@code json_valid}, {@code json_array_length}, {@code json_object}, {@code json_array},
 * {@code json_quote}, {@code json_patch}, and the operators {@code ->} and {@code ->>}. Each takes its SQL arguments
 * as an array, as generated code passes them.
 */
public final class JsonFunctions {
  private JsonFunctions() {
  }

  /** {@code json(x)}: x minified; malformed JSON is an error. */
  public static @Nullable Object json(Object[] args) {
    final JsonNode node = SqliteJson.parse("json", args[0]);
    return node == null ? null : SqliteJson.render(node);
  }

  /**
   * {@code json_extract(json, path, ...)}: with one path, the SQL value there (text, integer,
   * real, or JSON text for objects and arrays; NULL when nothing is there); with several, a JSON
   * array of the values.
   */
  public static @Nullable Object jsonExtract(Object[] args) {
    return extract(args, false);
  }

  /**
   * {@code json_extract} as the argument of a function that embeds it in JSON: an object or
   * array found (and the array of several paths) is marked as JSON, as SQLite marks it.
   */
  public static @Nullable Object jsonExtractAsJson(Object[] args) {
    return extract(args, true);
  }

  /** {@code json(x)} as the argument of a function that embeds it in JSON: x is JSON already. */
  public static @Nullable Object markJson(Object[] args) {
    return JsonText.of(args[0]);
  }

  private static @Nullable Object extract(Object[] args, boolean markJson) {
    final JsonNode root = SqliteJson.parse("json_extract", args[0]);
    final JsonPath[] paths = new JsonPath[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      if (args[i] == null) {
        return null;
      }
      paths[i - 1] = JsonPath.parse("json_extract", args[i]);
    }
    if (root == null) {
      return null;
    }
    if (paths.length == 1) {
      final JsonNode found = paths[0].find(root);
      final Object value = SqliteJson.sqlValue(found);
      return markJson && found != null && found.isContainerNode() ? JsonText.of(value) : value;
    }
    final StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < paths.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      final JsonNode found = paths[i].find(root);
      b.append(found == null ? "null" : SqliteJson.render(found));
    }
    final String array = b.append(']').toString();
    return markJson ? JsonText.of(array) : array;
  }

  /** {@code json_patch(target, patch)}: RFC 7396's merge patch, as SQLite applies it. */
  public static @Nullable Object jsonPatch(Object[] args) {
    final JsonNode target = SqliteJson.parse("json_patch", args[0]);
    final JsonNode patch = SqliteJson.parse("json_patch", args[1]);
    return target == null || patch == null ? null : SqliteJson.render(mergePatch(target, patch));
  }

  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    final ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    patch.fields().forEachRemaining(member -> {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        final JsonNode current = result.get(member.getKey());
        result.set(member.getKey(), mergePatch(current == null ? JsonNodeFactory.instance.nullNode() : current,
            member.getValue()));
      }
    });
    return result;
  }

  /** {@code json -> path}: the part at path as JSON text (a string keeps its quotes); NULL when missing. */
  public static @Nullable Object arrowJson(Object[] args) {
    final JsonNode found = arrowPart("->", args);
    return found == null ? null : SqliteJson.render(found);
  }

  /** {@code json ->> path}: the part at path as an SQL value, as json_extract gives it. */
  public static @Nullable Object arrowValue(Object[] args) {
    return SqliteJson.sqlValue(arrowPart("->>", args));
  }

  /** The part a JSON operator's right operand points at: a path, an object label or an array index. */
  private static @Nullable JsonNode arrowPart(String operator, Object[] args) {
    final JsonNode root = SqliteJson.parse(operator, args[0]);
    if (root == null || args[1] == null) {
      return null;
    }
    final Object right = args[1];
    final String path;
    if (right instanceof Integer || right instanceof Long || right instanceof Short
        || right instanceof BigDecimal && ((BigDecimal) right).scale() <= 0) {
      final long index = ((Number) right).longValue();
      path = index < 0 ? "$[#" + index + "]" : "$[" + index + "]";
    } else {
      // as SQLite's json.c reads the right operand: a path, a plain label, [index], or a quoted label
      final String text = SqliteValues.text(right);
      if (text == null) {
        return null;
      }
      if (text.isEmpty() || text.startsWith("$")) {
        path = text;
      } else if (!text.isEmpty() && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
        path = "$." + text;
      } else if (text.length() >= 3 && text.startsWith("[") && text.endsWith("]")) {
        path = "$" + text;
      } else {
        path = "$.\"" + text + "\"";
      }
    }
    return JsonPath.parse(operator, path).find(root);
  }

  /** {@code json_type(json[, path])}: null, true, false, integer, real, text, array or object. */
  public static @Nullable Object jsonType(Object[] args) {
    final JsonNode node = at("json_type", args);
    return node == null ? null : SqliteJson.type(node);
  }

  /** {@code json_array_length(json[, path])}: the array's length, 0 for anything else. */
  public static @Nullable Object jsonArrayLength(Object[] args) {
    final JsonNode node = at("json_array_length", args);
    return node == null ? null : (Object) (long) (node.isArray() ? node.size() : 0);
  }

  /** {@code json_valid(x)}: whether x is well-formed JSON text. */
  public static @Nullable Object jsonValid(Object[] args) {
    return args[0] == null ? null : SqliteJson.tryParse(args[0]) != null;
  }

  /** {@code json_quote(x)}: x as a JSON value. */
  public static Object jsonQuote(Object[] args) {
    final StringBuilder b = new StringBuilder();
    SqliteJson.appendValue(args[0], b);
    return b.toString();
  }

  /** {@code json_object(label, value, ...)}: labels are text; values as JSON. */
  public static Object jsonObject(Object[] args) {
    if (args.length % 2 != 0) {
      throw FunctionInputException.of("json_object", "takes label/value pairs; got an odd number ("
          + args.length + ") of arguments");
    }
    final StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < args.length; i += 2) {
      if (!(args[i] instanceof String)) {
        throw FunctionInputException.of("json_object", "labels must be text; argument "
            + (i + 1) + " is " + SqliteValues.storageClass(args[i]));
      }
      if (i > 0) {
        b.append(',');
      }
      SqliteJson.quote((String) args[i], b);
      b.append(':');
      SqliteJson.appendValue(args[i + 1], b);
    }
    return b.append('}').toString();
  }

  /** {@code json_array(value, ...)}. */
  public static Object jsonArray(Object[] args) {
    final StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      SqliteJson.appendValue(args[i], b);
    }
    return b.append(']').toString();
  }

  /** {@code json_equal(a, b)} (StackQL): equal JSON values, object keys in any order. */
  public static @Nullable Object jsonEqual(Object[] args) {
    final JsonNode a = SqliteJson.parse("json_equal", args[0]);
    final JsonNode b = SqliteJson.parse("json_equal", args[1]);
    return a == null || b == null ? null : JsonEquality.equal(a, b);
  }

  /** {@code aws_policy_equal(a, b)} (StackQL): equal AWS IAM policies. */
  public static @Nullable Object awsPolicyEqual(Object[] args) {
    final JsonNode a = SqliteJson.parse("aws_policy_equal", args[0]);
    final JsonNode b = SqliteJson.parse("aws_policy_equal", args[1]);
    return a == null || b == null ? null
        : JsonEquality.equal(AwsPolicies.normalize(a), AwsPolicies.normalize(b));
  }

  private static @Nullable JsonNode at(String function, Object[] args) {
    final JsonNode root = SqliteJson.parse(function, args[0]);
    if (args.length < 2) {
      return root;
    }
    if (args[1] == null) {
      return null;
    }
    final JsonPath path = JsonPath.parse(function, args[1]);
    return root == null ? null : path.find(root);
  }
}
