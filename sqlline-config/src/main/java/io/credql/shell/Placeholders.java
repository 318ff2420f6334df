package io.credql.shell;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Fills the {@code {{ name }}} placeholders of a script with {@code --var name=value} values.
 * Spaces inside the braces are optional, and a leading dot ({@code {{ .name }}}, as in StackQL's
 * templates) is accepted. Values go in as written, in one pass: a value that itself looks like a
 * placeholder stays as it is.
 */
public final class Placeholders {
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*\\.?([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private Placeholders() {
  }

  /**
   * The text with every placeholder replaced by its value.
   *
   * @throws UnfilledPlaceholderException naming every placeholder that has no value
   */
  public static String fill(String text, Map<String, String> values)
      throws UnfilledPlaceholderException {
    requireNonNull(text, "text");
    requireNonNull(values, "values");
    final Set<String> unfilled = new LinkedHashSet<>();
    final Matcher matcher = PLACEHOLDER.matcher(text);
    final StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      final String value = values.get(matcher.group(1));
      if (value == null) {
        unfilled.add(matcher.group(1));
        matcher.appendReplacement(filled, Matcher.quoteReplacement(matcher.group()));
      } else {
        matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
      }
    }
    if (!unfilled.isEmpty()) {
      throw new UnfilledPlaceholderException(unfilled);
    }
    matcher.appendTail(filled);
    return filled.toString();
  }
}
