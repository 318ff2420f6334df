package io.credql.document;

import java.util.Locale;

/**
 * The names SQL uses for a document's fields and parameters. With {@code snake_case_aliases}
 * (StackQL's {@code config.snake_case_aliases: true}, inherited like the rest of {@code config})
 * a camelCase or PascalCase name answers to its snake_case form: {@code DBInstanceIdentifier} is
 * the column {@code db_instance_identifier}, {@code clickhouseVersion} is {@code clickhouse_version}.
 * The wire keeps the document's own names.
 */
public final class SqlNames {
  private SqlNames() {
  }

  /**
   * {@code name} in snake_case: a word starts at each upper-case letter that follows a lower-case
   * letter or digit, and at the last upper-case letter of a run followed by a lower-case one
   * ({@code DBInstance} → {@code db_instance}); hyphens and dots become underscores.
   */
  public static String snakeCase(String name) {
    final StringBuilder snake = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      final char c = name.charAt(i);
      if (c == '-' || c == '.' || c == ' ') {
        appendUnderscore(snake);
        continue;
      }
      if (Character.isUpperCase(c) && i > 0) {
        final char previous = name.charAt(i - 1);
        final boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(previous) || Character.isDigit(previous)
            || (Character.isUpperCase(previous) && nextLower)) {
          appendUnderscore(snake);
        }
      }
      snake.append(Character.toLowerCase(c));
    }
    return snake.toString().toLowerCase(Locale.ROOT);
  }

  private static void appendUnderscore(StringBuilder snake) {
    if (snake.length() > 0 && snake.charAt(snake.length() - 1) != '_') {
      snake.append('_');
    }
  }

  /** The SQL name of a field or parameter called {@code name}. */
  public static String of(String name, boolean snakeCaseAliases) {
    return snakeCaseAliases ? snakeCase(name) : name;
  }
}
