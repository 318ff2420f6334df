package io.credql.azure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Azure's administrator password rules, each broken rule named once, the password never quoted. */
class AdministratorPasswordRulesTest {
  @Test void aPasswordFromThreeClassesOfGoodLengthWithoutTheLoginPasses() {
    assertEquals(List.of(), AdministratorPasswordRules.violations("Rotated-2025", "pgadmin"));
    assertEquals(List.of(), AdministratorPasswordRules.violations("rotated2025!", "pgadmin"));
  }

  @Test void everyBrokenRuleIsNamedWithoutQuotingThePassword() {
    final List<String> problems = AdministratorPasswordRules.violations("PGADMINx", "pgadmin");
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("three of the four classes"), problems.toString());
    assertTrue(problems.get(1).contains("must not contain the administrator login ('pgadmin')"), problems.toString());
    assertTrue(problems.stream().noneMatch(p -> p.contains("PGADMINx")));
  }

  @Test void lengthsOutsideEightToOneHundredTwentyEightAreRefused() {
    assertTrue(AdministratorPasswordRules.violations("Ab1!", null).get(0).contains("8 to 128 characters"));
    assertTrue(AdministratorPasswordRules.violations("Ab1!".repeat(33), null).get(0).contains("(this one has 132)"));
  }
}
