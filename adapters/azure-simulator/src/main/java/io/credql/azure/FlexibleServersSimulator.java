package io.credql.azure;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.ClockedSimulatorBuilder;
import io.credql.sandbox.SimulatedApi;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of one Azure subscription's flexible servers (Azure Resource Manager) and
 * of the Entra ID tenant that issues its tokens, on one WireMock server bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (FlexibleServersSimulator sim = FlexibleServersSimulator.builder()
 *     .application("tenant-id", "client-id", "secret").dataset(FlexibleServersDataset.demo()).build().start()) {
 *   String url = sim.baseUrl();   // both baseUrl.azure and the authority host
 * }
 * }</pre>
 */
public final class FlexibleServersSimulator extends SimulatedApi<FlexibleServersSimulator> {
  private final FlexibleServersState state;
  private final AzureApplication application;
  private final Duration tokenLifetime;
  private final int pageSize;
  private final int retryAfterSeconds;
  private final Clock clock;

  private FlexibleServersSimulator(Builder b) {
    super(b.journalLimit());
    this.state = new FlexibleServersState(b.dataset);
    this.application = requireNonNull(b.application, "an application (builder.application) is required");
    this.tokenLifetime = b.tokenLifetime;
    this.pageSize = b.pageSize;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.clock = b.clock();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    return new AzureApiTransformer(state, application, tokenLifetime, pageSize, retryAfterSeconds, clock);
  }

  @Override protected FlexibleServersSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: what {@code baseUrl.azure} and the authority host should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String subscriptionId() {
    return state.subscriptionId();
  }

  public String tenantId() {
    return application.tenantId();
  }

  public String clientId() {
    return application.clientId();
  }

  public String clientSecret() {
    return application.clientSecret();
  }

  /** How many token requests the tenant received. */
  public int tokenRequestCount() {
    return requestCount("POST", "/[^/]+/oauth2/v2\\.0/token");
  }

  /** How many Resource Manager requests were received (Entra ID's aside). */
  public int armRequestCount() {
    return requestCount("/subscriptions/.*");
  }

  public List<FlexibleServer> servers() {
    return state.servers();
  }

  /** Adds a server, or replaces the one with its engine, resource group and name. */
  public void putServer(FlexibleServer server) {
    state.put(server);
  }

  /** The administrator password set through the API (none until one is). */
  public Optional<String> administratorPassword(FlexibleServerEngine engine, String resourceGroup, String name) {
    final FlexibleServer server = state.server(engine, resourceGroup, name);
    return Optional.ofNullable(server == null ? null : state.password(server));
  }

  /** How many times the server's administrator password was changed through the API. */
  public int passwordChanges(FlexibleServerEngine engine, String resourceGroup, String name) {
    final FlexibleServer server = state.server(engine, resourceGroup, name);
    return server == null ? 0 : state.passwordChanges(server);
  }

  /** Options of a {@link FlexibleServersSimulator}; the application is required. */
  public static final class Builder extends ClockedSimulatorBuilder<Builder> {
    private @Nullable AzureApplication application;
    private FlexibleServersDataset dataset = FlexibleServersDataset.empty(FlexibleServersDataset.DEMO_SUBSCRIPTION);
    private Duration tokenLifetime = Duration.ofMinutes(60);
    private int pageSize = 100;
    private int retryAfterSeconds;

    private Builder() {
      super(Builder.class);
    }

    /** The Entra ID application whose client secret the tenant accepts. */
    public Builder application(String tenantId, String clientId, String clientSecret) {
      this.application = new AzureApplication(tenantId, clientId, clientSecret);
      return this;
    }

    public Builder dataset(FlexibleServersDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    /** How long issued tokens are accepted ({@code expires_in}); an hour by default. */
    public Builder tokenLifetime(Duration lifetime) {
      if (requireNonNull(lifetime, "lifetime").getSeconds() < 1) {
        throw new IllegalArgumentException("a token lives at least a second");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /** Servers per page of a listing (100 by default). */
    public Builder pageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("a page holds at least one server");
      }
      this.pageSize = size;
      return this;
    }

    /** The {@code Retry-After} of operations in progress (0 by default, so tests do not wait). */
    public Builder retryAfterSeconds(int seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("Retry-After is not negative");
      }
      this.retryAfterSeconds = seconds;
      return this;
    }

    public FlexibleServersSimulator build() {
      return new FlexibleServersSimulator(this);
    }
  }
}
