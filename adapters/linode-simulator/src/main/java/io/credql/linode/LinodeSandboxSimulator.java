package io.credql.linode;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;

/**
 * Linode in the sandbox: a {@link LinodeSimulator} with the demo databases and a token made up at
 * start, handed to the engine as {@code LINODE_TOKEN}.
 */
public final class LinodeSandboxSimulator implements ProviderSimulator {

  @Override public RunningSimulator startSandbox() {
    final LinodeSimulator simulator = LinodeSimulator.builder()
        .token(MadeUpSecret.hex("sandbox-", 16))
        .dataset(LinodeDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(LinodeSimulator simulator) {
    return Map.of("linode", simulator.baseUrl());
  }

  private static Map<String, String> credentials(LinodeSimulator simulator) {
    return Map.of("LINODE_TOKEN", simulator.token());
  }

  private static List<String> exampleQueries(LinodeSimulator simulator) {
    // ids of LinodeDataset.demo(): 123 is an active PostgreSQL database, 131 an active MySQL one
    return List.of(
        "SELECT id, label, status, region FROM linode.databases.postgresql_instances",
        "SELECT username, password FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 123",
        "EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 123",
        "SELECT username, password FROM linode.databases.mysql_instances_credentials WHERE instanceId = 131");
  }
}
