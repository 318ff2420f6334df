package io.credql.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names of the columns a view's SELECT gives, read from its text: each item's alias, or the
 * last part of its name when it is a plain column. The document package reads them without parsing
 * the SQL, which is the statement packages' work; an item that is neither (an expression without
 * an alias) gives no name, and the view then has no column for it. A name given twice is made
 * unique as SQLite makes it ({@link ViewColumnNames}).
 */
final class ViewOutputNames {
  private ViewOutputNames() {
  }

  /** The output names of the first SELECT in {@code sql}, in order; empty when it has none. */
  static List<String> of(String sql) {
    final String upper = sql.toUpperCase(Locale.ROOT);
    final int select = wordAt(upper, "SELECT", 0);
    final List<String> names = new ArrayList<>();
    final ViewColumnNames unique = new ViewColumnNames();
    if (select < 0) {
      return names;
    }
    int depth = 0;
    int start = select + "SELECT".length();
    for (int i = start; i < sql.length(); i++) {
      final char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        final int close = sql.indexOf(c, i + 1);
        i = close < 0 ? sql.length() : close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && c == ',') {
        addName(sql.substring(start, i), names, unique);
        start = i + 1;
      } else if (depth == 0 && isWordAt(upper, "FROM", i)) {
        addName(sql.substring(start, i), names, unique);
        return names;
      }
    }
    return names;
  }

  private static void addName(String item, List<String> names, ViewColumnNames unique) {
    final String text = item.trim();
    final String upper = text.toUpperCase(Locale.ROOT);
    final int as = upper.lastIndexOf(" AS ");
    final String candidate = as >= 0 && text.indexOf(')', as) < 0 ? text.substring(as + 4).trim()
        : text.substring(text.lastIndexOf('.') + 1).trim();
    final String name = candidate.replaceAll("^[\"`]|[\"`]$", "");
    if (name.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      names.add(unique.add(name));
    }
  }

  /** The index of {@code word} as a whole word at or after {@code from}, or -1. */
  private static int wordAt(String upper, String word, int from) {
    for (int i = upper.indexOf(word, from); i >= 0; i = upper.indexOf(word, i + 1)) {
      if (isWordAt(upper, word, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWordAt(String upper, String word, int i) {
    final int end = i + word.length();
    return upper.startsWith(word, i) && (i == 0 || !isWordPart(upper.charAt(i - 1)))
        && (end >= upper.length() || !isWordPart(upper.charAt(end)));
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
