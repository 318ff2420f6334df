package io.credql.render;

import io.credql.sandbox.MadeUpSecret;
import io.credql.sandbox.StartedSimulator;
import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;

import java.util.List;
import java.util.Map;

/**
 * Render in the sandbox: a {@link RenderSimulator} with the demo workspace and an API key made up
 * at start, handed to the engine as {@code RENDER_API_KEY}.
 */
public final class RenderSandboxSimulator implements ProviderSimulator {

  @Override public RunningSimulator startSandbox() {
    final RenderSimulator simulator = RenderSimulator.builder()
        // Render's API keys start with rnd_
        .apiKey(MadeUpSecret.hex("rnd_sandbox", 16))
        .dataset(RenderDataset.demo())
        .requestJournalLimit(StartedSimulator.JOURNAL_LIMIT)
        .build()
        .start();
    return new StartedSimulator(simulator, baseUrls(simulator), credentials(simulator), exampleQueries(simulator));
  }

  private static Map<String, String> baseUrls(RenderSimulator simulator) {
    return Map.of("render", simulator.baseUrl());
  }

  private static Map<String, String> credentials(RenderSimulator simulator) {
    return Map.of("RENDER_API_KEY", simulator.apiKey());
  }

  private static List<String> exampleQueries(RenderSimulator simulator) {
    // reads only: the banner's examples must not change the demo workspace
    return List.of(
        "SELECT id, name, status, region FROM render.postgres.instances",
        "SELECT username, \"default\", openConnections FROM render.postgres.credentials"
            + " WHERE postgresId = '" + RenderDataset.ORDERS_PROD + "'",
        "SELECT externalConnectionString FROM render.postgres.connection_info"
            + " WHERE postgresId = '" + RenderDataset.ORDERS_PROD + "'");
  }
}
