package io.credql.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines {@code credql --sandbox} greets the user with. */
class SandboxBannerTest {
  @Test void theBannerSaysWhatTheSandboxIsShowsAFewExamplesAndHowToLeave() {
    final String banner = SandboxBanner.text(List.of(
        "SELECT 1", "SELECT 2;", "SELECT 3", "SELECT 4", "SELECT 5"));
    assertTrue(banner.contains("simulators"), banner);
    assertTrue(banner.contains("  SELECT 1;\n  SELECT 2;\n  SELECT 3;\n  SELECT 4;\n"), banner);
    assertFalse(banner.contains("SELECT 5"), banner);
    assertTrue(banner.contains("!quit"), banner);
  }

  @Test void withoutExamplesFromTheSimulatorsTheBannerStillSuggestsAStatement() {
    assertTrue(SandboxBanner.text(List.of()).contains("  SHOW PROVIDERS;\n"));
  }
}
