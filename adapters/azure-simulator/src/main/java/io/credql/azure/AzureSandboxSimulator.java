package io.credql.azure;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Azure in the sandbox: a {@link FlexibleServersSimulator} of the demo subscription whose
 * application, made up at start, is handed to the engine as {@code AZURE_CLIENT_ID},
 * {@code AZURE_CLIENT_SECRET} and {@code AZURE_TENANT_ID}, with {@code AZURE_AUTHORITY_HOST}
 * pointing at the simulator, so every sandbox call goes through MSAL's token exchange. Real
 * {@code AZURE_*} values in the environment are shadowed, so never read nor sent.
 */
public final class AzureSandboxSimulator implements ProviderSimulator {

  @Override public RunningSimulator startSandbox() {
    final FlexibleServersSimulator simulator = FlexibleServersSimulator.builder()
        .application(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            MadeUpSecret.hex("sim~", 24))
        .dataset(FlexibleServersDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(FlexibleServersSimulator simulator) {
    return Map.of("azure", simulator.baseUrl());
  }

  private static Map<String, String> credentials(FlexibleServersSimulator simulator) {
    return Map.of("AZURE_CLIENT_ID", simulator.clientId(),
        "AZURE_CLIENT_SECRET", simulator.clientSecret(),
        "AZURE_TENANT_ID", simulator.tenantId(),
        "AZURE_AUTHORITY_HOST", simulator.baseUrl());
  }

  private static List<String> exampleQueries(FlexibleServersSimulator simulator) {
    final String subscription = simulator.subscriptionId();
    return List.of(
        "SELECT name, location, properties FROM azure.postgresql_flexible_servers.servers"
            + " WHERE subscription_id = '" + subscription + "'",
        "EXEC /*+ AWAIT */ azure.postgresql_flexible_servers.servers.update @subscription_id = '"
            + subscription + "', @resource_group_name = 'rg-prod', @server_name = 'orders-pg-flex'"
            + " @@json = '{\"properties\": {\"administratorLoginPassword\": \"N3w-Admin-pw!\"}}'");
  }
}
