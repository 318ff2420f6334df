package io.credql.sandbox;

import io.credql.spi.RunningSimulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A simulator started for the sandbox and what the engine needs to use it: its base URLs, the demo
 * credentials it accepts and the statements worth trying. Closing it stops the simulator.
 */
public final class StartedSimulator implements RunningSimulator {
  /** The sandbox is long-lived (a shell session): its simulators keep at most this many requests. */
  public static final int JOURNAL_LIMIT = 10_000;

  private final SimulatedApi<?> simulator;
  private final Map<String, String> baseUrls;
  private final Map<String, String> credentials;
  private final List<String> exampleQueries;

  public StartedSimulator(SimulatedApi<?> simulator, Map<String, String> baseUrls, Map<String, String> credentials,
      List<String> exampleQueries) {
    this.simulator = requireNonNull(simulator, "simulator");
    // in the order given: the banner lists them so
    this.baseUrls = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(baseUrls, "baseUrls")));
    this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(credentials, "credentials")));
    this.exampleQueries = List.copyOf(exampleQueries);
  }

  @Override public Map<String, String> baseUrls() {
    return baseUrls;
  }

  @Override public Map<String, String> credentials() {
    return credentials;
  }

  @Override public List<String> exampleQueries() {
    return exampleQueries;
  }

  @Override public void close() {
    simulator.close();
  }
}
