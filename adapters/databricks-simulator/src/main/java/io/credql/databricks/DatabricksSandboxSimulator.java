package io.credql.databricks;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Databricks in the sandbox: a {@link DatabricksSimulator} of the demo workspace whose service
 * principal's client credentials, made up at start, are handed to the engine as
 * {@code DATABRICKS_CLIENT_ID} and {@code DATABRICKS_CLIENT_SECRET}, so every sandbox call goes
 * through OAuth. A real {@code DATABRICKS_TOKEN} in the environment stays unread: client
 * credentials take precedence (see {@link DatabricksAuthScheme}).
 */
public final class DatabricksSandboxSimulator implements ProviderSimulator {
  /** The deployment name the examples use: StackQL's default for {@code deployment_name}. */
  public static final String DEPLOYMENT_NAME = "dbc-abcd0123-a1bc";

  @Override public RunningSimulator startSandbox() {
    final DatabricksSimulator simulator = DatabricksSimulator.builder()
        .servicePrincipal(UUID.randomUUID().toString(), MadeUpSecret.hex("dose", 16))
        .dataset(DatabricksDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(DatabricksSimulator simulator) {
    return Map.of("databricks_workspace", simulator.baseUrl());
  }

  private static Map<String, String> credentials(DatabricksSimulator simulator) {
    return Map.of("DATABRICKS_CLIENT_ID", simulator.clientId().orElseThrow(),
        "DATABRICKS_CLIENT_SECRET", simulator.clientSecret().orElseThrow());
  }

  private static List<String> exampleQueries(DatabricksSimulator simulator) {
    return List.of(
        "SELECT name, state, capacity, read_write_dns FROM databricks_workspace.database.database_instances"
            + " WHERE deployment_name = '" + DEPLOYMENT_NAME + "'",
        "EXEC databricks_workspace.postgres.postgres_credentials.generate @deployment_name = '"
            + DEPLOYMENT_NAME + "' @@json = '{\"endpoint\": \"" + DatabricksDataset.DEMO_ENDPOINT
            + "\", \"ttl\": \"900s\"}'",
        "EXEC databricks_workspace.database.database_credentials.generate @deployment_name = '"
            + DEPLOYMENT_NAME + "' @@json = '{\"instance_names\": [\"" + DatabricksDataset.DEMO_INSTANCE
            + "\"]}'");
  }
}
