package io.credql.azure;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Azure's rules for a flexible server's administrator password, as its documentation states them
 * for both PostgreSQL and MySQL: 8 to 128 characters, from at least three of four classes (upper
 * case letters, lower case letters, digits, non-alphanumeric characters), and not containing the
 * administrator login.
 */
final class AdministratorPasswordRules {
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 128;

  private AdministratorPasswordRules() {
  }

  /** Every rule {@code password} breaks, each a sentence that does not quote it; {@code login} may be unknown. */
  static List<String> violations(String password, @Nullable String login) {
    final List<String> problems = new ArrayList<>();
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      problems.add("the administrator password must have " + MIN_LENGTH + " to " + MAX_LENGTH
          + " characters (this one has " + password.length() + ")");
    }
    int classes = 0;
    classes += password.chars().anyMatch(c -> c >= 'A' && c <= 'Z') ? 1 : 0;
    classes += password.chars().anyMatch(c -> c >= 'a' && c <= 'z') ? 1 : 0;
    classes += password.chars().anyMatch(c -> c >= '0' && c <= '9') ? 1 : 0;
    classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
    if (classes < 3) {
      problems.add("the administrator password must contain characters from three of the four"
          + " classes: upper case letters, lower case letters, digits, non-alphanumeric characters"
          + " (this one has " + classes + ")");
    }
    if (login != null && !login.isEmpty()
        && password.toLowerCase(Locale.ROOT).contains(login.toLowerCase(Locale.ROOT))) {
      problems.add("the administrator password must not contain the administrator login ('" + login + "')");
    }
    return problems;
  }
}
