package io.credql.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Cloud SQL instance's password validation policy ({@code settings.passwordValidationPolicy}),
 * as the Admin API documents it: when {@code enablePasswordPolicy} is on, a new password has at
 * least {@code minLength} characters, with {@code COMPLEXITY_DEFAULT} upper and lower case
 * letters, digits and symbols, and with {@code disallowUsernameSubstring} not the user's name.
 * Whatever the policy, a password is not empty.
 */
public record CloudSqlPasswordPolicy(boolean enabled, int minLength, boolean complexity,
    boolean disallowUsernameSubstring) {
  /** An instance without a policy: only the empty password is refused. */
  public static final CloudSqlPasswordPolicy NONE = new CloudSqlPasswordPolicy(false, 0, false, false);

  /** The policy of an instance resource's JSON ({@code NONE} when it has none). */
  static CloudSqlPasswordPolicy of(@Nullable JsonNode instance) {
    final JsonNode policy = instance == null ? null
        : instance.path("settings").path("passwordValidationPolicy");
    if (policy == null || !policy.isObject()) {
      return NONE;
    }
    return new CloudSqlPasswordPolicy(policy.path("enablePasswordPolicy").asBoolean(false),
        policy.path("minLength").asInt(0),
        "COMPLEXITY_DEFAULT".equals(policy.path("complexity").asText("")),
        policy.path("disallowUsernameSubstring").asBoolean(false));
  }

  /** Every rule {@code password} of user {@code username} breaks, each a sentence without the password. */
  List<String> violations(String password, @Nullable String username) {
    final List<String> problems = new ArrayList<>();
    if (password.isEmpty()) {
      problems.add("the password must not be empty");
      return problems;
    }
    if (!enabled) {
      return problems;
    }
    if (password.length() < minLength) {
      problems.add("the instance's password policy needs at least " + minLength + " characters (this"
          + " password has " + password.length() + ")");
    }
    if (complexity) {
      final List<String> missing = new ArrayList<>();
      if (password.chars().noneMatch(Character::isUpperCase)) {
        missing.add("an upper case letter");
      }
      if (password.chars().noneMatch(Character::isLowerCase)) {
        missing.add("a lower case letter");
      }
      if (password.chars().noneMatch(Character::isDigit)) {
        missing.add("a digit");
      }
      if (password.chars().allMatch(Character::isLetterOrDigit)) {
        missing.add("a symbol");
      }
      if (!missing.isEmpty()) {
        problems.add("the instance's password policy (COMPLEXITY_DEFAULT) needs " + String.join(", ", missing));
      }
    }
    if (disallowUsernameSubstring && username != null && !username.isEmpty()
        && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      problems.add("the instance's password policy does not allow the user name ('" + username
          + "') in the password");
    }
    return problems;
  }

  /** The policy as the instance resource shows it, or null when there is none. */
  @Nullable JsonNode toJson() {
    if (this.equals(NONE)) {
      return null;
    }
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("enablePasswordPolicy", enabled);
    node.put("minLength", minLength);
    node.put("complexity", complexity ? "COMPLEXITY_DEFAULT" : "COMPLEXITY_UNSPECIFIED");
    node.put("disallowUsernameSubstring", disallowUsernameSubstring);
    return node;
  }
}
