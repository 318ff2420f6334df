package io.credql.google;

import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;

/**
 * Google Cloud SQL in the sandbox: a {@link CloudSqlSimulator} of the demo project whose service
 * account key, made at start, is handed to the engine as {@code GOOGLE_CREDENTIALS} (the key's
 * JSON), so every sandbox call goes through the JWT grant. A real {@code GOOGLE_CREDENTIALS} in
 * the environment is shadowed, so never read nor sent to the simulator.
 */
public final class GoogleSandboxSimulator implements ProviderSimulator {

  @Override public RunningSimulator startSandbox() {
    final CloudSqlSimulator simulator = CloudSqlSimulator.builder()
        .dataset(CloudSqlDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(CloudSqlSimulator simulator) {
    return Map.of("google", simulator.baseUrl());
  }

  private static Map<String, String> credentials(CloudSqlSimulator simulator) {
    return Map.of("GOOGLE_CREDENTIALS", simulator.serviceAccountKeyJson());
  }

  private static List<String> exampleQueries(CloudSqlSimulator simulator) {
    final String project = simulator.project();
    return List.of(
        "SELECT name, databaseVersion, region, state FROM google.sqladmin.instances WHERE project = '"
            + project + "'",
        "SELECT name, host, type FROM google.sqladmin.users WHERE project = '" + project
            + "' AND instance = 'orders-pg'",
        "EXEC /*+ AWAIT */ google.sqladmin.users.update @project = '" + project
            + "', @instance = 'orders-pg', @name = 'app_rw' @@json = '{\"password\": \"n3w-Secret-pw\"}'");
  }
}
