package io.credql.linode;

import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Linode in the sandbox: a {@link LinodeSimulator} with the demo databases and a token made up at
 * start, handed to the engine as {@code LINODE_TOKEN}.
 */
public final class LinodeSandboxSimulator implements ProviderSimulator {
  /** The sandbox is long-lived (a shell session): keep the journal from growing without bound. */
  private static final int JOURNAL_LIMIT = 10_000;

  @Override public RunningSimulator startSandbox() {
    final byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    final String token = "sandbox-" + HexFormat.of().formatHex(random);
    final LinodeSimulator simulator = LinodeSimulator.builder()
        .token(token)
        .dataset(LinodeDataset.demo())
        .requestJournalLimit(JOURNAL_LIMIT)
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
