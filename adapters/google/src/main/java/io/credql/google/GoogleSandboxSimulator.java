package io.credql.google;

import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Google Cloud SQL in the sandbox: a {@link CloudSqlSimulator} of the demo project whose service
 * account key, made at start, is handed to the engine as {@code GOOGLE_CREDENTIALS} (the key's
 * JSON), so every sandbox call goes through the JWT grant. A real {@code GOOGLE_CREDENTIALS} in
 * the environment is shadowed, so never read nor sent to the simulator.
 */
public final class GoogleSandboxSimulator implements ProviderSimulator {
  /** The sandbox is long-lived (a shell session): keep the journal from growing without bound. */
  private static final int JOURNAL_LIMIT = 10_000;

  @Override public RunningSimulator startSandbox() {
    final CloudSqlSimulator simulator = CloudSqlSimulator.builder()
        .dataset(CloudSqlDataset.demo())
        .requestJournalLimit(JOURNAL_LIMIT)
        .build()
        .start();
    return new Running(simulator);
  }

  /** A started sandbox simulator and what the engine needs to use it. */
  private static final class Running implements RunningSimulator {
    private final CloudSqlSimulator simulator;

    Running(CloudSqlSimulator simulator) {
      this.simulator = requireNonNull(simulator, "simulator");
    }

    @Override public Map<String, String> baseUrls() {
      return Map.of("google", simulator.baseUrl());
    }

    @Override public Map<String, String> credentials() {
      return Map.of("GOOGLE_CREDENTIALS", simulator.serviceAccountKeyJson());
    }

    @Override public List<String> exampleQueries() {
      final String project = simulator.project();
      return List.of(
          "SELECT name, databaseVersion, region, state FROM google.sqladmin.instances WHERE project = '"
              + project + "'",
          "SELECT name, host, type FROM google.sqladmin.users WHERE project = '" + project
              + "' AND instance = 'orders-pg'",
          "EXEC /*+ AWAIT */ google.sqladmin.users.update @project = '" + project
              + "', @instance = 'orders-pg', @name = 'app_rw' @@json = '{\"password\": \"n3w-Secret-pw\"}'");
    }

    @Override public void close() {
      simulator.close();
    }
  }
}
