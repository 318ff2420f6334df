package io.credql.azure;

import io.credql.sandbox.OperationBehaviour;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a simulated subscription starts with: its resource groups' flexible servers.
 *
 * <p>The demo subscription has a server for each way an update ends: {@code orders-pg-flex} and
 * {@code billing-mysql-flex} succeed on the second poll, {@code reports-pg-flex} fails, and
 * {@code frozen-pg-flex} never finishes.
 */
public record FlexibleServersDataset(String subscriptionId, List<FlexibleServer> servers) {
  /** The subscription the demo data lives in. */
  public static final String DEMO_SUBSCRIPTION = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

  public FlexibleServersDataset {
    requireNonNull(subscriptionId, "subscriptionId");
    servers = List.copyOf(servers);
  }

  public static FlexibleServersDataset empty(String subscriptionId) {
    return new FlexibleServersDataset(subscriptionId, List.of());
  }

  public static FlexibleServersDataset demo() {
    return new FlexibleServersDataset(DEMO_SUBSCRIPTION, List.of(
        FlexibleServer.ready(FlexibleServerEngine.POSTGRESQL, "rg-prod", "orders-pg-flex", "westeurope", "pgadmin"),
        FlexibleServer.ready(FlexibleServerEngine.MYSQL, "rg-prod", "billing-mysql-flex", "westeurope", "mysqladmin"),
        FlexibleServer.ready(FlexibleServerEngine.POSTGRESQL, "rg-legacy", "reports-pg-flex", "eastus", "reportsadmin")
            .withOperations(OperationBehaviour.failsAfter(2, "InternalServerError",
                "An unexpected error occured while processing the request. Tracking ID: 'sim-0001'")),
        FlexibleServer.ready(FlexibleServerEngine.POSTGRESQL, "rg-legacy", "frozen-pg-flex", "eastus", "frozenadmin")
            .withOperations(OperationBehaviour.NEVER_DONE)));
  }
}
