package io.credql.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.ClockedSimulatorBuilder;
import io.credql.sandbox.SimulatedApi;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of one Google Cloud project's Cloud SQL Admin API and of the token endpoint
 * its service account's key points at, on a WireMock server bound to 127.0.0.1.
 *
 * <p>The service account's RSA key pair is the one the simulators of this process share, or one
 * of its own ({@link Builder#keyOfItsOwn()}): {@link #serviceAccountKeyJson()} is the key file a
 * user would download (its {@code token_uri} is this server's {@code /token}), and the token
 * endpoint checks assertions with the public half only.
 *
 * <pre>{@code
 * try (CloudSqlSimulator sim = CloudSqlSimulator.builder().dataset(CloudSqlDataset.demo()).build().start()) {
 *   String key = sim.serviceAccountKeyJson();   // what GOOGLE_CREDENTIALS holds (or names)
 *   String url = sim.baseUrl();                 // what baseUrl.google should be
 * }
 * }</pre>
 */
public final class CloudSqlSimulator extends SimulatedApi<CloudSqlSimulator> {
  private final CloudSqlState state;
  private final String clientEmail;
  private final String keyId;
  private final KeyPair keyPair;
  private final Duration tokenLifetime;
  private final int pageSize;
  private final Clock clock;

  private CloudSqlSimulator(Builder b) {
    super(b.journalLimit());
    this.state = new CloudSqlState(b.dataset);
    this.clientEmail = "credql-rotator@" + b.dataset.project() + ".iam.gserviceaccount.com";
    final byte[] id = new byte[20];
    new SecureRandom().nextBytes(id);
    this.keyId = HexFormat.of().formatHex(id);
    this.keyPair = b.keyOfItsOwn ? ServiceAccountKeyPair.fresh() : ServiceAccountKeyPair.shared();
    this.tokenLifetime = b.tokenLifetime;
    this.pageSize = b.pageSize;
    this.clock = b.clock();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    return new CloudSqlApiTransformer(state,
        new JwtAssertionVerifier(clientEmail, keyId, (RSAPublicKey) keyPair.getPublic()),
        clientEmail, tokenLifetime, pageSize, clock);
  }

  @Override protected CloudSqlSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: what {@code baseUrl.google} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The project the simulated instances live in. */
  public String project() {
    return state.project();
  }

  /** The service account the simulator accepts. */
  public String clientEmail() {
    return clientEmail;
  }

  /** The service account's key file, as Google writes it, for {@code GOOGLE_CREDENTIALS}; the simulator must be started. */
  public String serviceAccountKeyJson() {
    return serviceAccountKeyJson(baseUrl() + CloudSqlApiTransformer.TOKEN_PATH);
  }

  /** The key file with another {@code token_uri} (to test where assertions go). */
  public String serviceAccountKeyJson(String tokenUri) {
    final Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    final ObjectNode key = JsonNodeFactory.instance.objectNode();
    key.put("type", "service_account");
    key.put("project_id", state.project());
    key.put("private_key_id", keyId);
    key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
        + mime.encodeToString(keyPair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    key.put("client_email", clientEmail);
    key.put("client_id", "1" + Math.abs((long) clientEmail.hashCode()));
    key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    key.put("token_uri", tokenUri);
    return key.toString();
  }

  /** How many token requests were received. */
  public int tokenRequestCount() {
    return requestCount(Pattern.quote(CloudSqlApiTransformer.TOKEN_PATH));
  }

  /** How many Cloud SQL Admin requests were received (token requests aside). */
  public int apiRequestCount() {
    return requestCount("/v1/.*");
  }

  public List<CloudSqlInstance> instances() {
    return state.instances();
  }

  /** Adds an instance, or replaces the one with its name. */
  public void putInstance(CloudSqlInstance instance) {
    state.put(instance);
  }

  /** Adds a built-in user ({@code host} empty outside MySQL). */
  public void addUser(String instance, String name, String host) {
    state.addUser(instance, name, host);
  }

  /** The user's current password (null until one is set through the API). */
  public Optional<String> password(String instance, String user) {
    final CloudSqlState.DbUser found = state.user(instance, user, null);
    synchronized (state) {
      return Optional.ofNullable(found == null ? null : found.password);
    }
  }

  /** How many times the user's password was changed through the API. */
  public int passwordChanges(String instance, String user) {
    final CloudSqlState.DbUser found = state.user(instance, user, null);
    synchronized (state) {
      return found == null ? 0 : found.passwordChanges;
    }
  }

  /** Options of a {@link CloudSqlSimulator}. */
  public static final class Builder extends ClockedSimulatorBuilder<Builder> {
    private CloudSqlDataset dataset = CloudSqlDataset.empty(CloudSqlDataset.DEMO_PROJECT);
    private Duration tokenLifetime = Duration.ofHours(1);
    private int pageSize = 500;
    private boolean keyOfItsOwn;

    private Builder() {
      super(Builder.class);
    }

    public Builder dataset(CloudSqlDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    /** How long issued tokens are accepted (an hour, as Google's). */
    public Builder tokenLifetime(Duration lifetime) {
      if (requireNonNull(lifetime, "lifetime").getSeconds() < 2) {
        throw new IllegalArgumentException("a token lives at least two seconds");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /** Instances per page when the request names no {@code maxResults} (500 by default). */
    public Builder pageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("a page holds at least one instance");
      }
      this.pageSize = size;
      return this;
    }

    /**
     * A service account key pair of its own, which no other simulator of this process accepts (by
     * default they share one, as making a 2048-bit RSA key costs a noticeable part of a second).
     */
    public Builder keyOfItsOwn() {
      this.keyOfItsOwn = true;
      return this;
    }

    public CloudSqlSimulator build() {
      return new CloudSqlSimulator(this);
    }
  }
}
