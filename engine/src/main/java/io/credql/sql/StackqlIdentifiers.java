package io.credql.sql;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the identifiers of StackQL's lexer that Calcite's lexer reads differently, before the
 * statement is parsed: a back-quoted identifier ({@code `my name`}, back-ticks doubled inside)
 * becomes a double-quoted one, since one Calcite lexer cannot read both quote styles; and the
 * words StackQL's documents use as plain column names but Calcite reserves so that they cannot
 * be made non-reserved in its grammar ({@code default}, {@code user}, and {@code table} where it
 * is not Calcite's {@code TABLE(...)}, {@code CREATE TABLE} and the like) become quoted
 * identifiers. String literals, quoted identifiers, comments and {@code @name} arguments are kept
 * as written.
 */
public final class StackqlIdentifiers {
  /** Words that are always names in StackQL's dialect (SQLite has no DEFAULT expression nor USER). */
  private static final Set<String> ALWAYS_NAMES = Set.of("DEFAULT", "USER");
  /** Words after which TABLE is Calcite's keyword. */
  private static final Set<String> TABLE_KEYWORD_AFTER =
      Set.of("CREATE", "DROP", "TRUNCATE", "ALTER", "LATERAL");

  private StackqlIdentifiers() {
  }

  /** The statement text with StackQL's identifiers written as Calcite reads them. */
  public static String toCalcite(String sql) {
    final StringBuilder out = new StringBuilder(sql.length() + 8);
    String previousWord = null;
    boolean statementStart = true;
    int i = 0;
    final int n = sql.length();
    while (i < n) {
      final char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        final int end = quotedEnd(sql, i, c);
        out.append(sql, i, end);
        i = end;
        previousWord = null;
        statementStart = false;
      } else if (c == '`') {
        final int end = quotedEnd(sql, i, '`');
        final String name = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`");
        out.append('"').append(name.replace("\"", "\"\"")).append('"');
        i = end;
        previousWord = null;
        statementStart = false;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        final int end = lineEnd(sql, i);
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        final int close = sql.indexOf("*/", i + 2);
        final int end = close < 0 ? n : close + 2;
        out.append(sql, i, end);
        i = end;
      } else if (c == '@') {
        int end = i + 1;
        while (end < n && (sql.charAt(end) == '@' || isWordPart(sql.charAt(end)))) {
          end++;
        }
        out.append(sql, i, end);
        i = end;
        previousWord = null;
        statementStart = false;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        final String word = sql.substring(i, end);
        final String upper = word.toUpperCase(Locale.ROOT);
        final boolean qualified = i > 0 && sql.charAt(i - 1) == '.';
        if (!qualified && isName(upper, previousWord, statementStart, nextSignificant(sql, end))) {
          out.append('"').append(word).append('"');
        } else {
          out.append(word);
        }
        previousWord = upper;
        statementStart = false;
        i = end;
      } else {
        out.append(c);
        if (c == ';') {
          statementStart = true;
          previousWord = null;
        } else if (!Character.isWhitespace(c)) {
          previousWord = null;
          statementStart = false;
        }
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isName(String upper, @Nullable String previousWord, boolean statementStart,
      char next) {
    if (ALWAYS_NAMES.contains(upper)) {
      return true;
    }
    if (upper.equals("TABLE")) {
      return !statementStart && next != '('
          && (previousWord == null || !TABLE_KEYWORD_AFTER.contains(previousWord));
    }
    return false;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The index after the quoted text starting at {@code start}; a doubled quote stays inside. */
  private static int quotedEnd(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int lineEnd(String sql, int start) {
    final int newline = sql.indexOf('\n', start);
    return newline < 0 ? sql.length() : newline;
  }

  private static char nextSignificant(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      if (!Character.isWhitespace(sql.charAt(i))) {
        return sql.charAt(i);
      }
    }
    return 0;
  }
}
