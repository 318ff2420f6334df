package io.credql.functions;

import com.fasterxml.jackson.databind.JsonNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A JSON path as SQLite writes it: {@code $}, then {@code .key}, {@code ."quoted key"},
 * {@code [N]} and {@code [#-N]} (counting from the end) steps. Anything else is a malformed path,
 * reported with the path and the form it should take.
 */
final class JsonPath {
  private final String text;
  private final List<Object> steps;

  private JsonPath(String text, List<Object> steps) {
    this.text = requireNonNull(text, "text");
    this.steps = List.copyOf(steps);
  }

  /** Parses a path; a malformed one is an error naming the function and the path. */
  static JsonPath parse(String function, @Nullable Object path) {
    final String s = SqliteValues.text(path);
    final List<Object> steps = new ArrayList<>();
    if (s == null || !s.startsWith("$")) {
      throw malformed(function, s);
    }
    int i = 1;
    while (i < s.length()) {
      final char c = s.charAt(i);
      if (c == '.') {
        i++;
        final int end;
        if (i < s.length() && s.charAt(i) == '"') {
          end = s.indexOf('"', i + 1);
          if (end < 0) {
            throw malformed(function, s);
          }
          steps.add(s.substring(i + 1, end));
          i = end + 1;
          continue;
        }
        int j = i;
        while (j < s.length() && s.charAt(j) != '.' && s.charAt(j) != '[') {
          j++;
        }
        if (j == i) {
          throw malformed(function, s);
        }
        steps.add(s.substring(i, j));
        i = j;
      } else if (c == '[') {
        final int end = s.indexOf(']', i);
        if (end < 0) {
          throw malformed(function, s);
        }
        final String index = s.substring(i + 1, end);
        if (index.matches("\\d+")) {
          steps.add(new Index(Integer.parseInt(index), false));
        } else if (index.matches("#-\\d+")) {
          steps.add(new Index(Integer.parseInt(index.substring(2)), true));
        } else if (index.equals("#")) {
          steps.add(new Index(0, true));
        } else {
          throw malformed(function, s);
        }
        i = end + 1;
      } else {
        throw malformed(function, s);
      }
    }
    return new JsonPath(s, steps);
  }

  private static RuntimeException malformed(String function, @Nullable String path) {
    return FunctionInputException.of(function, "malformed JSON path "
        + (path == null ? "NULL" : "'" + path + "'")
        + "; write it as SQLite does: $, $.key, $.\"key with space\", $[0], $.a[1].b or $[#-1]");
  }

  /** The node at this path, or null when the document has nothing there. */
  @Nullable JsonNode find(JsonNode root) {
    JsonNode node = root;
    for (Object step : steps) {
      if (node == null) {
        return null;
      }
      if (step instanceof String) {
        node = node.isObject() ? node.get((String) step) : null;
      } else {
        if (!node.isArray()) {
          return null;
        }
        final int position = ((Index) step).position(node.size());
        node = position >= 0 && position < node.size() ? node.get(position) : null;
      }
    }
    return node;
  }

  /** The steps after {@code $}: a String is an object label, an {@link Index} an array position. */
  List<Object> steps() {
    return steps;
  }

  /** The path without its last step (the path of {@code $} itself). */
  JsonPath parent() {
    return new JsonPath(text, steps.isEmpty() ? steps : steps.subList(0, steps.size() - 1));
  }

  /** The path as written. */
  @Override public String toString() {
    return text;
  }

  /** An array step: the N-th element, or the N-th from the end. */
  static final class Index {
    private final int value;
    private final boolean fromEnd;

    Index(int value, boolean fromEnd) {
      this.value = value;
      this.fromEnd = fromEnd;
    }

    /** The position in an array of {@code size} elements: negative before the start, size for {@code [#]}. */
    int position(int size) {
      return fromEnd ? size - value : value;
    }
  }
}
