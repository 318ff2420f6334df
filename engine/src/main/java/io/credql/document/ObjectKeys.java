package io.credql.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the simple JSONPath forms StackQL documents use for {@code objectKey} ({@code $.data},
 * {@code $.value[*]}, {@code $[*]}) into steps, to find the row schema inside a response schema.
 * Rows themselves are selected with the JSONPath library, which accepts any expression.
 */
final class ObjectKeys {
  private ObjectKeys() {
  }

  /** Property names and {@code [*]} markers, in order; unknown syntax ends the walk. */
  static List<String> steps(String objectKey) {
    final List<String> steps = new ArrayList<>();
    String rest = objectKey.trim();
    if (rest.startsWith("$")) {
      rest = rest.substring(1);
    }
    while (!rest.isEmpty()) {
      if (rest.startsWith(".")) {
        rest = rest.substring(1);
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        steps.add(rest.substring(0, end));
        rest = rest.substring(end);
      } else if (rest.startsWith("[*]")) {
        steps.add("[*]");
        rest = rest.substring(3);
      } else if (rest.startsWith("['") && rest.indexOf("']") > 0) {
        final int end = rest.indexOf("']");
        steps.add(rest.substring(2, end));
        rest = rest.substring(end + 2);
      } else {
        break;
      }
    }
    return steps;
  }
}
