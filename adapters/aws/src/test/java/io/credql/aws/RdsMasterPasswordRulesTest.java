package io.credql.aws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RDS's master password rules as a user meets them: each broken rule named, the password never repeated. */
class RdsMasterPasswordRulesTest {
  @Test
  void aPasswordEveryEngineAcceptsBreaksNoRule() {
    for (String engine : List.of("postgres", "mysql", "mariadb", "oracle-ee", "sqlserver-se", "db2-se")) {
      assertEquals(List.of(), RdsMasterPasswordRules.violations("Good-Pass_123", engine, false), engine);
    }
  }

  @Test
  void theLengthLimitIsTheEnginesOwn() {
    final String forty = "A".repeat(40) + "b";
    assertEquals(List.of(), RdsMasterPasswordRules.violations(forty, "mysql", false));
    assertEquals(List.of("the master password of RDS for mysql may have at most 41 characters (it has 42)"),
        RdsMasterPasswordRules.violations(forty + "c", "mysql", false));
    assertEquals(List.of("the master password of RDS for oracle-ee may have at most 30 characters (it has 31)"),
        RdsMasterPasswordRules.violations("x".repeat(31), "oracle-ee", false));
    assertEquals(List.of(), RdsMasterPasswordRules.violations("x".repeat(128), "postgres", false));
    assertEquals(1, RdsMasterPasswordRules.violations("x".repeat(129), "sqlserver-ex", false).size());
    assertEquals(1, RdsMasterPasswordRules.violations("x".repeat(42), "aurora-postgresql", true).size());
  }

  @Test
  void everyBrokenRuleIsNamedAndThePasswordIsNotRepeated() {
    final List<String> problems = RdsMasterPasswordRules.violations("a/b\"@ é", "postgres", false);
    assertEquals(List.of(
        "the master password must have at least 8 characters (it has 7)",
        "the master password may not contain '\"', '/', '@', a space",
        "the master password may contain printable ASCII characters only (no letters with accents, no control characters)"),
        problems);
    problems.forEach(problem -> assertFalse(problem.contains("a/b")));
  }

  @Test
  void oracleAlsoRefusesAmpersandAndQuote() {
    assertTrue(RdsMasterPasswordRules.violations("Tom&Jerry's1", "oracle-se2", false).get(0)
        .contains("'&' (for Oracle)"));
    assertEquals(List.of(), RdsMasterPasswordRules.violations("Tom&Jerry's1", "postgres", false));
  }
}
