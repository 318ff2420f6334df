package io.credql.call;

import io.credql.error.BudgetExhaustedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clients of one server share each provider account's budget, and wait for it only so long. */
class ProviderBudgetTest {
  @Test void connectionsSharingABudgetShareItsPlacesAndItsPause() throws Exception {
    final ProviderBudget first = ProviderBudget.shared("acme https://a.test", 2, Duration.ofMillis(50), CallClock.SYSTEM);
    final ProviderBudget second = ProviderBudget.shared("acme https://a.test", 2, Duration.ofMillis(50), CallClock.SYSTEM);
    assertSame(first.limit, second.limit);
    assertSame(first.gate, second.gate);
    first.limit.acquire("m1");
    second.limit.acquire("m2");
    assertEquals(0, first.limit.available(), "two connections took the account's two places");
    final BudgetExhaustedException waited = assertThrows(BudgetExhaustedException.class,
        () -> first.limit.acquire("acme.svc.res.get"));
    assertTrue(waited.getMessage().startsWith("acme.svc.res.get: all 2 places of the provider's shared budget"
        + " stayed in use by other clients"), waited.getMessage());
    assertTrue(waited.getMessage().contains("nothing was sent"), waited.getMessage());
    first.limit.release();
    second.limit.release();
  }

  @Test void anotherAccountAndAConnectionOfItsOwnHaveTheirOwnBudget() {
    final ProviderBudget shared = ProviderBudget.shared("acme https://b.test", 1, Duration.ofMillis(10), CallClock.SYSTEM);
    assertNotSame(shared.limit, ProviderBudget.shared("acme https://c.test", 1, Duration.ofMillis(10), CallClock.SYSTEM).limit);
    assertNotSame(ProviderBudget.own(1, CallClock.SYSTEM).limit, ProviderBudget.own(1, CallClock.SYSTEM).limit);
  }
}
