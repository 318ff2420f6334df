package io.credql.databricks;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.ClockedSimulatorBuilder;
import io.credql.sandbox.SimulatedApi;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of one Databricks workspace's Lakebase credential APIs and its OAuth token
 * endpoint, on a WireMock server bound to 127.0.0.1.
 *
 * <p>One stub matches every request; its response comes from {@link DatabricksApiTransformer},
 * which reads and changes the simulator's state. WireMock's request journal therefore records
 * every request, token requests included, which is what {@link #requestCount()} and
 * {@link #requests()} read.
 *
 * <pre>{@code
 * try (DatabricksSimulator sim = DatabricksSimulator.builder().servicePrincipal("id", "secret")
 *     .dataset(DatabricksDataset.demo()).build().start()) {
 *   String url = sim.baseUrl();   // http://127.0.0.1:<port>, what baseUrl.databricks_workspace should be
 * }
 * }</pre>
 */
public final class DatabricksSimulator extends SimulatedApi<DatabricksSimulator> {
  private final DatabricksState state;
  private final @Nullable String personalAccessToken;
  private final @Nullable String clientId;
  private final @Nullable String clientSecret;
  private final Duration accessTokenLifetime;
  private final Clock clock;

  private DatabricksSimulator(Builder b) {
    super(b.journalLimit());
    if (b.personalAccessToken == null && b.clientId == null) {
      throw new IllegalStateException("a simulator needs a personal access token or a service"
          + " principal to accept");
    }
    this.state = new DatabricksState(b.dataset);
    this.personalAccessToken = b.personalAccessToken;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.accessTokenLifetime = b.accessTokenLifetime;
    this.clock = b.clock();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    return new DatabricksApiTransformer(state, personalAccessToken, clientId,
        clientSecret, accessTokenLifetime, clock);
  }

  @Override protected DatabricksSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: the workspace URL, what {@code baseUrl.databricks_workspace} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Optional<String> personalAccessToken() {
    return Optional.ofNullable(personalAccessToken);
  }

  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  public Optional<String> clientSecret() {
    return Optional.ofNullable(clientSecret);
  }

  /** How many OAuth token requests were received. */
  public int tokenRequestCount() {
    return requestCount(Pattern.quote(DatabricksAuthScheme.TOKEN_PATH));
  }

  /** The database instances, by name. */
  public List<DatabaseInstance> instances() {
    return state.instances();
  }

  public Optional<DatabaseInstance> instance(String name) {
    return Optional.ofNullable(state.instance(requireNonNull(name, "name")));
  }

  /** Adds an instance, or replaces the one with its name. */
  public void putInstance(DatabaseInstance instance) {
    state.put(instance);
  }

  /** Adds an autoscaling endpoint, {@code projects/{p}/branches/{b}/endpoints/{e}}. */
  public void addEndpoint(String endpoint) {
    if (!PostgresCredentialRules.ENDPOINT.matcher(requireNonNull(endpoint, "endpoint")).matches()) {
      throw new IllegalArgumentException("not an endpoint resource name: " + endpoint);
    }
    state.addEndpoint(endpoint);
  }

  /** The database credentials generated so far, oldest first. */
  public List<IssuedCredential> credentials() {
    return state.credentials();
  }

  /** The credential whose token is {@code token}, if the workspace generated it. */
  public Optional<IssuedCredential> credential(String token) {
    return state.credentials().stream().filter(c -> c.token().equals(token)).findFirst();
  }

  /** Options of a {@link DatabricksSimulator}; a token or a service principal is required. */
  public static final class Builder extends ClockedSimulatorBuilder<Builder> {
    private @Nullable String personalAccessToken;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private Duration accessTokenLifetime = Duration.ofHours(1);
    private DatabricksDataset dataset = DatabricksDataset.empty();

    private Builder() {
      super(Builder.class);
    }

    /** A personal access token accepted as {@code Authorization: Bearer <token>}. */
    public Builder personalAccessToken(String token) {
      this.personalAccessToken = nonEmpty(token, "token");
      return this;
    }

    /** The OAuth client credentials {@code /oidc/v1/token} accepts. */
    public Builder servicePrincipal(String clientId, String clientSecret) {
      this.clientId = nonEmpty(clientId, "clientId");
      this.clientSecret = nonEmpty(clientSecret, "clientSecret");
      return this;
    }

    /** How long issued OAuth tokens are accepted ({@code expires_in}); an hour by default, as Databricks documents. */
    public Builder accessTokenLifetime(Duration lifetime) {
      requireNonNull(lifetime, "lifetime");
      if (lifetime.getSeconds() < 1) {
        throw new IllegalArgumentException("a token lives at least a second");
      }
      this.accessTokenLifetime = lifetime;
      return this;
    }

    /** The instances and endpoints the workspace starts with (none by default). */
    public Builder dataset(DatabricksDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    public DatabricksSimulator build() {
      return new DatabricksSimulator(this);
    }

    private static String nonEmpty(String value, String name) {
      if (requireNonNull(value, name).isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
