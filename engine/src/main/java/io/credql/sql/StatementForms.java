package io.credql.sql;

import io.credql.error.SyntaxErrorException;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a statement that does not parse should have looked like: a first word that begins no
 * statement is named, with the statement word it is closest to ({@code REGSITRY} is
 * {@code REGISTRY}); a StackQL statement that does not parse ({@code SHOW PROVIDER}) is given its
 * forms instead of the parser's list of tokens, which names every SQL keyword but the one meant.
 */
public final class StatementForms {
  /** The forms of StackQL's own statements, by their first word. */
  private static final Map<String, String> FORMS = Map.of(
      "SHOW", "SHOW [EXTENDED] PROVIDERS | SERVICES IN provider | RESOURCES IN provider.service"
          + " | METHODS IN provider.service.resource | INSERT INTO provider.service.resource | VERSION,"
          + " then LIKE 'pattern' or WHERE condition",
      "DESCRIBE", "DESCRIBE [EXTENDED] provider.service.resource"
          + " | DESCRIBE METHOD [EXTENDED] provider.service.resource.method",
      "REGISTRY", "REGISTRY LIST [provider] | REGISTRY PULL provider [version]",
      "EXEC", "EXEC [/*+ AWAIT */] provider.service.resource.method [@name = value, ...] [@@json = '{...}']",
      "REFRESH", "REFRESH MATERIALIZED VIEW name",
      "USE", "USE provider",
      "SLEEP", "SLEEP milliseconds",
      "PURGE", "PURGE [target]");
  /** Words that begin a statement credql reads, StackQL's and standard SQL's. */
  private static final List<String> FIRST_WORDS = List.of("SELECT", "WITH", "VALUES", "INSERT", "UPDATE",
      "REPLACE", "DELETE", "EXEC", "SHOW", "DESCRIBE", "DESC", "REGISTRY", "CREATE", "DROP", "REFRESH",
      "EXPLAIN", "USE", "SLEEP", "PURGE", "NATIVEQUERY", "AUTH", "SET", "RESET", "ALTER", "MERGE",
      "UPSERT", "CALL", "TABLE");
  /** The statement's first word, after blanks and comments. */
  private static final Pattern FIRST_WORD = Pattern.compile(
      "\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*(?!\\+).*?\\*/)*([A-Za-z_][A-Za-z0-9_$]*)", Pattern.DOTALL);
  /** Calcite's list of the tokens it expected, which says nothing useful about a StackQL statement. */
  private static final Pattern EXPECTED = Pattern.compile("\\.? ?Expected one of: .*$");

  private StatementForms() {
  }

  /** {@code error}, the parse error of {@code sql}, said in terms of the statement meant. */
  public static SyntaxErrorException explain(String sql, SyntaxErrorException error) {
    final Matcher first = FIRST_WORD.matcher(sql);
    if (!first.find()) {
      return error;
    }
    final String word = first.group(1).toUpperCase(Locale.ROOT);
    final String message = String.valueOf(error.getMessage());
    final String forms = FORMS.get(word.equals("DESC") ? "DESCRIBE" : word);
    if (forms != null) {
      final String found = EXPECTED.matcher(message).replaceFirst("");
      return new SyntaxErrorException((found.endsWith(".") ? found.substring(0, found.length() - 1) : found)
          + ". " + word + " takes: " + forms, error.line(), error.column());
    }
    if (FIRST_WORDS.contains(word)) {
      return error;
    }
    final int at = message.indexOf(": ");
    final String where = at < 0 ? "syntax error" : message.substring(0, at);
    final String closest = closest(word);
    return new SyntaxErrorException(where + ": " + first.group(1) + " does not begin a statement"
        + (closest == null ? "" : " (did you mean " + closest + "?)") + "; statements begin with "
        + String.join(", ", FIRST_WORDS.subList(0, 18)), error.line(), error.column());
  }

  /** The statement word at most two edits away from {@code word}, or null. */
  private static @Nullable String closest(String word) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : FIRST_WORDS) {
      final int distance = distance(word, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein's edit distance, transpositions counting one ({@code REGSITRY} is one from {@code REGISTRY}). */
  private static int distance(String a, String b) {
    final int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
