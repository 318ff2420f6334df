package io.credql.huaweicloud;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A Huawei Cloud database password rule: 8 to 32 characters, at least three of upper-case letters,
 * lower-case letters, digits and special characters, and specials only from a product's set
 * (provider-apis §5.2 and §6.2). Each violation is a sentence that never contains the password.
 */
public final class PasswordPolicy {
  /** GaussDB database accounts (and RDS for PostgreSQL root): specials {@code ~!@#%^*-_=+?,}. */
  public static final PasswordPolicy GAUSSDB = new PasswordPolicy("~!@#%^*-_=+?,");
  /** RDS for MySQL root: specials {@code ~!@#$%^*-_=+?,()&}. */
  public static final PasswordPolicy RDS_MYSQL = new PasswordPolicy("~!@#$%^*-_=+?,()&");
  /** RDS for PostgreSQL root: specials {@code ~!@#%^*-_=+?,}. */
  public static final PasswordPolicy RDS_POSTGRESQL = new PasswordPolicy("~!@#%^*-_=+?,");

  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 32;
  private static final int MIN_CLASSES = 3;

  private final String specials;

  /** A policy allowing the special characters in {@code specials}. */
  public PasswordPolicy(String specials) {
    this.specials = requireNonNull(specials, "specials");
  }

  /** The special characters this policy allows. */
  public String specials() {
    return specials;
  }

  /** Every rule {@code password} breaks: length, characters outside the allowed ones, too few kinds. */
  public List<String> violations(String password) {
    requireNonNull(password, "password");
    final List<String> problems = new ArrayList<>();
    final int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      problems.add("the password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long (it has "
          + length + ")");
    }
    if (!allowedCharactersOnly(password)) {
      problems.add("the password may contain only letters, digits and the special characters " + specials);
    }
    final int classes = classes(password);
    if (classes < MIN_CLASSES) {
      problems.add("the password must contain at least " + MIN_CLASSES
          + " of: upper-case letters, lower-case letters, digits, special characters " + specials
          + " (it has " + classes + ")");
    }
    return problems;
  }

  /** Whether every character is an ASCII letter, a digit or one of this policy's specials. */
  public boolean allowedCharactersOnly(String password) {
    return password.codePoints().allMatch(c -> isLetterOrDigit(c) || specials.indexOf(c) >= 0);
  }

  /** How many of the four kinds of characters {@code password} contains, counting only this policy's specials. */
  public int classes(String password) {
    final boolean upper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
    final boolean lower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
    final boolean digit = password.chars().anyMatch(c -> c >= '0' && c <= '9');
    final boolean special = password.chars().anyMatch(c -> specials.indexOf(c) >= 0);
    return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0);
  }

  /**
   * Whether {@code password} is the account name or the name spelled backwards; compared ignoring
   * case, the cautious reading of a rule whose case handling is not documented.
   */
  public static boolean resemblesName(String password, String name) {
    final String reversed = new StringBuilder(name).reverse().toString();
    return password.equalsIgnoreCase(name) || password.equalsIgnoreCase(reversed);
  }

  private static boolean isLetterOrDigit(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }
}
