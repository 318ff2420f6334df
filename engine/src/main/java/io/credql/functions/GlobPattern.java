package io.credql.functions;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.regex.Pattern;

/**
 * SQLite's GLOB pattern as a Java regular expression: {@code *} any text, {@code ?} one character,
 * {@code [...]} and {@code [^...]} a character class (a {@code ]} right after the bracket is one of
 * its characters), everything else itself, case counting.
 */
final class GlobPattern {
  private GlobPattern() {
  }

  /** The regular expression of {@code glob}; null when a class is left open, which SQLite's GLOB never matches. */
  static @Nullable Pattern of(String glob) {
    final StringBuilder regex = new StringBuilder();
    final int[] chars = glob.codePoints().toArray();
    for (int i = 0; i < chars.length; i++) {
      final int c = chars[i];
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        int j = i + 1;
        final StringBuilder set = new StringBuilder("[");
        if (j < chars.length && chars[j] == '^') {
          set.append('^');
          j++;
        }
        if (j < chars.length && chars[j] == ']') {
          set.append("\\]");
          j++;
        }
        while (j < chars.length && chars[j] != ']') {
          set.append(chars[j] == '-' ? "-" : Pattern.quote(new String(Character.toChars(chars[j]))));
          j++;
        }
        if (j == chars.length) {
          return null;
        }
        regex.append(set).append(']');
        i = j;
      } else {
        regex.append(Pattern.quote(new String(Character.toChars(c))));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
