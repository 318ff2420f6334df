package io.credql.sandbox;

import io.credql.session.CredqlSession;
import io.credql.spi.ProviderBundle;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulators of all bundled providers, started once per JVM on first use and stopped when the
 * JVM exits; every {@code sandbox=true} connection uses them.
 */
public final class Sandbox {
  private static Sandbox shared;

  private final List<RunningSimulator> simulators;
  private final Map<String, String> baseUrls = new LinkedHashMap<>();
  private final Map<String, String> credentials = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();

  private Sandbox(List<RunningSimulator> simulators) {
    this.simulators = List.copyOf(simulators);
    for (RunningSimulator simulator : simulators) {
      baseUrls.putAll(simulator.baseUrls());
      credentials.putAll(simulator.credentials());
      examples.addAll(simulator.exampleQueries());
    }
  }

  /** The JVM's sandbox, started on first call. */
  public static synchronized Sandbox shared() {
    if (shared == null) {
      final List<RunningSimulator> running = new ArrayList<>();
      for (ProviderBundle bundle : CredqlSession.bundles()) {
        final ProviderSimulator simulator = bundle.simulator();
        if (simulator != null) {
          running.add(simulator.startSandbox());
        }
      }
      shared = new Sandbox(running);
      final Sandbox started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "credql-sandbox-stop"));
    }
    return shared;
  }

  /** {@code baseUrl.} overrides pointing every bundled provider at its simulator. */
  public Map<String, String> baseUrls() {
    return baseUrls;
  }

  /** Demo credentials, by environment variable name. */
  public Map<String, String> credentials() {
    return credentials;
  }

  /** Statements worth trying, for the shell's banner. */
  public List<String> exampleQueries() {
    return examples;
  }

  private void stop() {
    for (RunningSimulator simulator : simulators) {
      try {
        simulator.close();
      } catch (RuntimeException e) {
        // the JVM is exiting; nothing useful to do
      }
    }
  }
}
