package io.credql.huaweicloud;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Huawei's password rules as the seeds state them, reported without ever quoting the password. */
class PasswordPolicyTest {
  @Test void threeKindsOfCharactersFromEightToThirtyTwoAreEnough() {
    assertEquals(List.of(), PasswordPolicy.GAUSSDB.violations("abcdEFG1"));
    assertEquals(List.of(), PasswordPolicy.GAUSSDB.violations("abcdefg_1"));
    assertEquals(List.of(), PasswordPolicy.GAUSSDB.violations("A".repeat(30) + "b1"));
  }

  @Test void tooShortTooLongAndTooFewKindsAreEachNamed() {
    assertEquals(2, PasswordPolicy.GAUSSDB.violations("abc1").size());
    assertTrue(PasswordPolicy.GAUSSDB.violations("Ab1" + "x".repeat(30)).get(0).contains("(it has 33)"));
    assertTrue(PasswordPolicy.GAUSSDB.violations("abcdefgh12").get(0).contains("at least 3 of"));
  }

  @Test void mysqlAllowsDollarParenthesesAndAmpersandWhichPostgresqlAndGaussDbDoNot() {
    for (String password : List.of("Abcdef1$", "Abcdef1(", "Abcdef1)", "Abcdef1&")) {
      assertEquals(List.of(), PasswordPolicy.RDS_MYSQL.violations(password), password);
      assertFalse(PasswordPolicy.RDS_POSTGRESQL.violations(password).isEmpty(), password);
      assertFalse(PasswordPolicy.GAUSSDB.violations(password).isEmpty(), password);
    }
  }

  @Test void spacesAndNonAsciiLettersAreNotAllowedAnywhere() {
    assertFalse(PasswordPolicy.RDS_MYSQL.allowedCharactersOnly("Abc def1"));
    assertFalse(PasswordPolicy.RDS_MYSQL.allowedCharactersOnly("Abcdéf12"));
  }

  @Test void theAccountNameOrItsReverseResemblesTheNameIgnoringCase() {
    assertTrue(PasswordPolicy.resemblesName("App_User1", "app_user1"));
    assertTrue(PasswordPolicy.resemblesName("1resu_ppA", "App_user1"));
    assertFalse(PasswordPolicy.resemblesName("App_User2", "app_user1"));
  }

  @Test void noViolationQuotesThePassword() {
    final String password = "s3cr3t pässwörd";
    for (String problem : PasswordPolicy.GAUSSDB.violations(password)) {
      assertFalse(problem.contains(password), problem);
    }
  }
}
