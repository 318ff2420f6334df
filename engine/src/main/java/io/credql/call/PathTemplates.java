package io.credql.call;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which path parameters of a template may hold slashes ({@code /api/2.0/postgres/{parent}/branches}
 * with {@code parent = projects/p}). StackQL's any-sdk ({@code docs/parameters_containing_slash.md})
 * lets a placeholder take slashes unless another placeholder is next to it with only slashes in
 * between (the split would be ambiguous). credql is stricter where the document does not say
 * it: a placeholder must fill a whole segment with literal segments on both sides (a resource
 * name in the middle of a path), or be written {@code {+name}} (RFC 6570 reserved expansion, as
 * Google's documents do). Every other value stays one encoded segment; no part of a slashed value
 * may be empty, {@code .} or {@code ..}, so a value can never climb out of its place in the path.
 */
final class PathTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

  private PathTemplates() {
  }

  static Set<String> slashPermitted(String template) {
    final List<int[]> spans = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<Boolean> reserved = new ArrayList<>();
    final Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      spans.add(new int[] {matcher.start(), matcher.end()});
      names.add(matcher.group(1));
      reserved.add(matcher.group(1).startsWith("+"));
    }
    final Set<String> permitted = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      final boolean adjacentBefore = i > 0
          && onlySlashes(template.substring(spans.get(i - 1)[1], spans.get(i)[0]));
      final boolean adjacentAfter = i + 1 < names.size()
          && onlySlashes(template.substring(spans.get(i)[1], spans.get(i + 1)[0]));
      final boolean wholeSegment = template.startsWith("/", spans.get(i)[0] - 1)
          && (spans.get(i)[1] == template.length() || template.charAt(spans.get(i)[1]) == '/');
      final boolean literalAfter = spans.get(i)[1] < template.length() - 1
          && (i + 1 == names.size() || !onlySlashes(template.substring(spans.get(i)[1], spans.get(i + 1)[0])));
      if (reserved.get(i)) {
        permitted.add(names.get(i).substring(1));
      } else if (wholeSegment && literalAfter && !adjacentBefore && !adjacentAfter) {
        permitted.add(names.get(i));
      }
    }
    return permitted;
  }

  private static boolean onlySlashes(String between) {
    return between.chars().allMatch(c -> c == '/');
  }
}
