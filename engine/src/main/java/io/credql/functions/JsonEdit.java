package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

/**
 * How one path/value pair of {@code json_insert}, {@code json_replace} and {@code json_set} edits
 * a document, as SQLite's json.c does: an existing target is replaced by {@code json_replace} and
 * {@code json_set}; a missing one is created by {@code json_insert} and {@code json_set}, with the
 * objects and arrays the rest of the path needs ({@code $.a.b} in {@code {}} makes
 * {@code {"a":{"b":v}}}, {@code $.a[0]} makes {@code {"a":[v]}}); an array index one past the end,
 * or {@code [#]}, appends. A path that goes through a value of the wrong kind, or an index further
 * past the end, changes nothing.
 */
enum JsonEdit {
  INSERT(true, false),
  REPLACE(false, true),
  SET(true, true);

  private final boolean creates;
  private final boolean replaces;

  JsonEdit(boolean creates, boolean replaces) {
    this.creates = creates;
    this.replaces = replaces;
  }

  /** The document with {@code value} written at {@code path}; {@code root} itself may be changed. */
  JsonNode apply(JsonNode root, JsonPath path, JsonNode value) {
    final List<Object> steps = path.steps();
    if (steps.isEmpty()) {
      return replaces ? value : root;
    }
    JsonNode node = root;
    for (int i = 0; i < steps.size(); i++) {
      final boolean last = i == steps.size() - 1;
      final Object step = steps.get(i);
      final JsonNode child;
      if (step instanceof String) {
        if (!node.isObject()) {
          return root;
        }
        final ObjectNode object = (ObjectNode) node;
        child = object.get((String) step);
        if (child == null) {
          final JsonNode created = creates ? created(steps, i + 1, value) : null;
          if (created != null) {
            object.set((String) step, created);
          }
          return root;
        }
        if (last) {
          if (replaces) {
            object.set((String) step, value);
          }
          return root;
        }
      } else {
        if (!node.isArray()) {
          return root;
        }
        final ArrayNode array = (ArrayNode) node;
        final int position = ((JsonPath.Index) step).position(array.size());
        if (position < 0 || position > array.size()) {
          return root;
        }
        if (position == array.size()) {
          final JsonNode created = creates ? created(steps, i + 1, value) : null;
          if (created != null) {
            array.add(created);
          }
          return root;
        }
        if (last) {
          if (replaces) {
            array.set(position, value);
          }
          return root;
        }
        child = array.get(position);
      }
      node = child;
    }
    return root;
  }

  /**
   * The value to put where the path's step {@code from - 1} found nothing: the value itself at the
   * path's end, else an object or array holding what the rest of the path creates; null when the
   * rest cannot be created (an index other than the first of the new, empty array).
   */
  private static @Nullable JsonNode created(List<Object> steps, int from, JsonNode value) {
    if (from == steps.size()) {
      return value;
    }
    final JsonNode inner = created(steps, from + 1, value);
    if (inner == null) {
      return null;
    }
    final Object step = steps.get(from);
    if (step instanceof String) {
      return JsonNodeFactory.instance.objectNode().set((String) step, inner);
    }
    return ((JsonPath.Index) step).position(0) == 0
        ? JsonNodeFactory.instance.arrayNode().add(inner) : null;
  }

  /** The document without what {@code path} points at ({@code json_remove}); null for {@code $}. */
  static @Nullable JsonNode remove(JsonNode root, JsonPath path) {
    final List<Object> steps = path.steps();
    if (steps.isEmpty()) {
      return null;
    }
    final JsonNode parent = path.parent().find(root);
    final Object step = steps.get(steps.size() - 1);
    if (step instanceof String) {
      if (parent != null && parent.isObject()) {
        ((ObjectNode) parent).remove((String) step);
      }
    } else if (parent != null && parent.isArray()) {
      final int position = ((JsonPath.Index) step).position(parent.size());
      if (position >= 0 && position < parent.size()) {
        ((ArrayNode) parent).remove(position);
      }
    }
    return root;
  }
}
