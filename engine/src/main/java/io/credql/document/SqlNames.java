package io.credql.document;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names SQL uses for a document's fields and parameters. With {@code snake_case_aliases}
 * (StackQL's {@code config.snake_case_aliases: true}, inherited like the rest of {@code config})
 * a camelCase or PascalCase name is shown in its snake_case form: {@code DBInstanceIdentifier} is
 * the column {@code db_instance_identifier}, {@code clickhouseVersion} is {@code clickhouse_version}.
 * Whatever is shown, a name answers to every spelling of itself ({@link #answersTo}): the
 * document's own, its snake_case form and the form StackQL's code makes, so that statements
 * copied from StackQL's reference pages (which print the document's keys) and from StackQL's
 * runtime (which shows snake_case) both run. The wire keeps the document's own names.
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

  /**
   * {@code name} in snake_case as StackQL's code spells it ({@code any-sdk} {@code pkg/casing},
   * a port of botocore's {@code xform_name}): a name that already holds an underscore is kept,
   * and a digit run after a lower-case letter is a word of its own ({@code ipv4Address} →
   * {@code ipv_4_address}, where {@link #snakeCase} gives {@code ipv4_address}).
   */
  public static String stackqlSnakeCase(String name) {
    if (name.indexOf('_') >= 0) {
      return name;
    }
    String spelled = name;
    final Matcher plural = PLURAL_ACRONYM.matcher(spelled);
    if (plural.find()) {
      spelled = spelled.substring(0, plural.start()) + "_" + plural.group().toLowerCase(Locale.ROOT);
    }
    spelled = FIRST_CAPITAL.matcher(spelled).replaceAll("$1_$2");
    spelled = DIGITS.matcher(spelled).replaceAll("$1_$2");
    spelled = END_CAPITAL.matcher(spelled).replaceAll("$1_$2");
    return spelled.toLowerCase(Locale.ROOT);
  }

  private static final Pattern PLURAL_ACRONYM = Pattern.compile("[A-Z]{2,}s$");
  private static final Pattern FIRST_CAPITAL = Pattern.compile("(.)([A-Z][a-z]+)");
  private static final Pattern DIGITS = Pattern.compile("([a-z])([0-9]+)");
  private static final Pattern END_CAPITAL = Pattern.compile("([a-z0-9])([A-Z])");

  /**
   * Whether {@code candidate}, as a statement writes it, names what the document calls
   * {@code name}: the same name ignoring case, the same words in another casing
   * ({@code systemData}, {@code system_data}, {@code SystemData}), or StackQL's snake_case spelling.
   */
  public static boolean answersTo(String candidate, String name) {
    return candidate.equalsIgnoreCase(name) || snakeCase(candidate).equals(snakeCase(name))
        || candidate.equalsIgnoreCase(stackqlSnakeCase(name));
  }

  /** The SQL name of a field or parameter called {@code name}. */
  public static String of(String name, boolean snakeCaseAliases) {
    return snakeCaseAliases ? snakeCase(name) : name;
  }
}
