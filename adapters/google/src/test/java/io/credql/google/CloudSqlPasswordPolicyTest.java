package io.credql.google;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cloud SQL's password validation policy as its Admin API documents it. */
class CloudSqlPasswordPolicyTest {
  private static final CloudSqlPasswordPolicy STRICT = new CloudSqlPasswordPolicy(true, 12, true, true);

  @Test void withoutAPolicyOnlyTheEmptyPasswordIsRefused() {
    assertEquals(List.of(), CloudSqlPasswordPolicy.NONE.violations("x", "app"));
    assertEquals(List.of("the password must not be empty"), CloudSqlPasswordPolicy.NONE.violations("", "app"));
  }

  @Test void aStrictPolicyNamesEveryRuleThePasswordBreaks() {
    final List<String> problems = STRICT.violations("app_user1", "app_user");
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("at least 12 characters (this password has 9)"), problems.toString());
    assertTrue(problems.get(1).contains("needs an upper case letter"), problems.toString());
    assertTrue(problems.get(2).contains("does not allow the user name"), problems.toString());
    assertEquals(List.of(), STRICT.violations("Str0ng-enough!", "app_user"));
  }

  @Test void aDisabledPolicyIsNotEnforced() {
    assertEquals(List.of(), new CloudSqlPasswordPolicy(false, 12, true, true).violations("short", "short"));
  }
}
