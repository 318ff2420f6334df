package io.credql.azure;

import static java.util.Objects.requireNonNull;

/** The Entra ID application the simulator issues tokens to: its tenant, client ID and client secret. */
record AzureApplication(String tenantId, String clientId, String clientSecret) {
  AzureApplication {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(clientId, "clientId");
    requireNonNull(clientSecret, "clientSecret");
  }
}
