package io.credql.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssuedBearerTokensTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final IssuedBearerTokens tokens = new IssuedBearerTokens(Duration.ofMinutes(60), clock);

  @Test void aTokenIssuedHereIsValidUntilItsLifetimeEnds() {
    final String token = tokens.issue("ya29.sim-");
    assertTrue(token.startsWith("ya29.sim-"), token);
    assertEquals(IssuedBearerTokens.Status.VALID, tokens.check("Bearer " + token));
    clock.advance(Duration.ofMinutes(59));
    assertEquals(IssuedBearerTokens.Status.VALID, tokens.check("Bearer " + token));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(IssuedBearerTokens.Status.EXPIRED, tokens.check("Bearer " + token));
  }

  @Test void aMissingHeaderAnotherSchemeOrATokenNeverIssuedIsRefused() {
    final String token = tokens.issue("t.");
    assertNotEquals(token, tokens.issue("t."));
    assertEquals(IssuedBearerTokens.Status.MISSING, tokens.check(null));
    assertEquals(IssuedBearerTokens.Status.UNKNOWN, tokens.check("Basic " + token));
    assertEquals(IssuedBearerTokens.Status.UNKNOWN, tokens.check("Bearer t.forged"));
  }
}
