package io.credql.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.ClockedSimulatorBuilder;
import io.credql.sandbox.SimulatedApi;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.NoSuchElementException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of AWS RDS and Secrets Manager as far as database credentials go, behind
 * an endpoint that checks every request's Signature Version 4 itself. One WireMock server on
 * 127.0.0.1 serves Secrets Manager under {@code /secretsmanager} and RDS under {@code /rds}; its
 * request journal records every request.
 *
 * <pre>{@code
 * try (AwsSimulator sim = AwsSimulator.builder().accessKey("AKIA...").secretKey("...").build().start()) {
 *   String properties = sim.jdbcProperties();   // baseUrl.aws.rds=...;baseUrl.aws.secretsmanager=...
 * }
 * }</pre>
 */
public final class AwsSimulator extends SimulatedApi<AwsSimulator> {
  private final String accessKey;
  private final String secretKey;
  private final AwsState state;
  private final @Nullable String sessionToken;

  private AwsSimulator(Builder b) {
    super(b.journalLimit());
    this.accessKey = requireNonNull(b.accessKey, "accessKey: a simulator needs the access key it accepts");
    this.secretKey = requireNonNull(b.secretKey, "secretKey: a simulator needs the secret key it verifies with");
    this.state = new AwsState(b.dataset, b.clock());
    this.sessionToken = b.sessionToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    final SecretsManagerApi secretsManager = new SecretsManagerApi(state);
    return new AwsApiTransformer(new SigV4Verifier(accessKey, secretKey, state.regions, state.clock, sessionToken), secretsManager,
        new RdsQueryApi(state, secretsManager));
  }

  @Override protected AwsSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>/rds}: what {@code baseUrl.aws.rds} should be. */
  public String rdsBaseUrl() {
    return "http://127.0.0.1:" + port() + AwsApiTransformer.RDS_PATH;
  }

  /** {@code http://127.0.0.1:<port>/secretsmanager}: what {@code baseUrl.aws.secretsmanager} should be. */
  public String secretsManagerBaseUrl() {
    return "http://127.0.0.1:" + port() + AwsApiTransformer.SECRETS_MANAGER_PATH;
  }

  /** Both base URLs as JDBC URL properties, e.g. {@code jdbc:credql:} + this. */
  public String jdbcProperties() {
    return "baseUrl.aws.rds=" + rdsBaseUrl() + ";baseUrl.aws.secretsmanager=" + secretsManagerBaseUrl();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The current master password of DB instance {@code identifier} in {@code region}. */
  public String instancePassword(String region, String identifier) {
    return database(region, SimulatedDatabase.Kind.INSTANCE, identifier).masterPassword;
  }

  /** The current master password of DB cluster {@code identifier} in {@code region}. */
  public String clusterPassword(String region, String identifier) {
    return database(region, SimulatedDatabase.Kind.CLUSTER, identifier).masterPassword;
  }

  /** The value labelled {@code AWSCURRENT} of secret {@code nameOrArn} in {@code region}. */
  public Optional<String> currentSecretValue(String region, String nameOrArn) {
    synchronized (state) {
      final SimulatedSecret secret = state.secret(region, nameOrArn);
      final SimulatedSecret.Version current = secret == null ? null : secret.withStage(SimulatedSecret.CURRENT);
      return Optional.ofNullable(current == null ? null : current.secretString);
    }
  }

  /** How many versions secret {@code nameOrArn} has. */
  public int secretVersionCount(String region, String nameOrArn) {
    synchronized (state) {
      final SimulatedSecret secret = state.secret(region, nameOrArn);
      if (secret == null) {
        throw new NoSuchElementException("no secret " + nameOrArn + " in " + region);
      }
      return secret.versions.size();
    }
  }

  /** Changes a DB instance's status, as RDS does while it modifies or reboots one. */
  public void setInstanceStatus(String region, String identifier, String status) {
    synchronized (state) {
      database(region, SimulatedDatabase.Kind.INSTANCE, identifier).status = status;
    }
  }

  private SimulatedDatabase database(String region, SimulatedDatabase.Kind kind, String identifier) {
    synchronized (state) {
      final SimulatedDatabase database = state.database(region, kind, identifier);
      if (database == null) {
        throw new NoSuchElementException("no DB " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + identifier
            + " in " + region);
      }
      return database;
    }
  }

  /** Options of an {@link AwsSimulator}; the access key and secret key are required. */
  public static final class Builder extends ClockedSimulatorBuilder<Builder> {
    private @Nullable String accessKey;
    private @Nullable String secretKey;
    private AwsDataset dataset = AwsDataset.demo();
    private @Nullable String sessionToken;

    private Builder() {
      super(Builder.class);
    }

    /** The only access key the endpoint knows; any other is refused as an invalid client token. */
    public Builder accessKey(String accessKey) {
      this.accessKey = requireNonNull(accessKey, "accessKey");
      return this;
    }

    /** The secret key belonging to the access key, with which signatures are verified. */
    public Builder secretKey(String secretKey) {
      this.secretKey = requireNonNull(secretKey, "secretKey");
      return this;
    }

    /**
     * Makes the keys temporary ones, as STS issues: every request must carry this token in a signed
     * {@code X-Amz-Security-Token} header (without this option a request carrying any token is refused).
     */
    public Builder sessionToken(String sessionToken) {
      this.sessionToken = requireNonNull(sessionToken, "sessionToken");
      return this;
    }

    /** The demo account with {@code count} more PostgreSQL instances in us-east-1, for paging. */
    public Builder extraInstances(int count) {
      this.dataset = AwsDataset.demoWithInstances(count);
      return this;
    }

    public AwsSimulator build() {
      return new AwsSimulator(this);
    }
  }
}
