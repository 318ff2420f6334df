package io.credql.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * What requests to one provider account may use: places under a {@link ConcurrencyLimit} and a
 * {@link RateGate} that a 429 closes. A connection has its own; connections with
 * {@code sharedBudget=true} (the clients of a {@code credql serve} server) share one per account,
 * so a 429 pauses them all and they wait, bounded, instead of adding to a storm.
 */
final class ProviderBudget {
  /** Shared budgets by account: provider name and the URL its requests go to. */
  private static final Map<String, ProviderBudget> SHARED = new ConcurrentHashMap<>();

  final ConcurrencyLimit limit;
  final RateGate gate;

  private ProviderBudget(ConcurrencyLimit limit, RateGate gate) {
    this.limit = requireNonNull(limit, "limit");
    this.gate = requireNonNull(gate, "gate");
  }

  /** A budget of one connection's own: {@code concurrency} places, waited for as long as it takes. */
  static ProviderBudget own(int concurrency, CallClock clock) {
    return new ProviderBudget(new ConcurrencyLimit(concurrency), new RateGate(clock));
  }

  /**
   * The JVM's budget of {@code account}, made with {@code concurrency} places and {@code maxWait}
   * by its first user (a server's connections all carry the same settings).
   */
  static ProviderBudget shared(String account, int concurrency, Duration maxWait, CallClock clock) {
    return SHARED.computeIfAbsent(account,
        a -> new ProviderBudget(new ConcurrencyLimit(concurrency, maxWait), new RateGate(clock)));
  }
}
