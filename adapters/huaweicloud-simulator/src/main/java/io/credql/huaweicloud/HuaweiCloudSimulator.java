package io.credql.huaweicloud;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.ClockedSimulatorBuilder;
import io.credql.sandbox.SimulatedApi;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of Huawei Cloud GaussDB (for openGauss) and RDS, as far as their
 * credentials go (instance listings, GaussDB database accounts, password resets), behind a
 * gateway that verifies every request's AK/SK signature. One WireMock server on 127.0.0.1 serves
 * GaussDB under {@code /gaussdb} and RDS under {@code /rds}; its request journal records every
 * request, which {@link #requestCount()} and {@link #requests()} read.
 *
 * <pre>{@code
 * try (HuaweiCloudSimulator sim = HuaweiCloudSimulator.builder().accessKey("AK").secretKey("SK")
 *     .dataset(HuaweiCloudDataset.demo()).build().start()) {
 *   String gaussdb = sim.gaussDbBaseUrl();   // http://127.0.0.1:<port>/gaussdb
 * }
 * }</pre>
 */
public final class HuaweiCloudSimulator extends SimulatedApi<HuaweiCloudSimulator> {
  /** How far {@code X-Sdk-Date} may be from the simulator's clock (Huawei's tolerance is UNCONFIRMED; 15 min is usual). */
  public static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(15);

  private final String accessKey;
  private final String secretKey;
  private final HuaweiCloudState state;
  private final Clock clock;

  private HuaweiCloudSimulator(Builder b) {
    super(b.journalLimit());
    this.accessKey = requireNonNull(b.accessKey, "accessKey: a simulator needs the access key it accepts");
    this.secretKey = requireNonNull(b.secretKey, "secretKey: a simulator needs the secret key it verifies with");
    this.state = new HuaweiCloudState(b.dataset);
    this.clock = b.clock();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    final SignatureVerifier verifier = new SignatureVerifier(accessKey, secretKey, clock, ALLOWED_CLOCK_SKEW);
    return new HuaweiCloudApiTransformer(state, verifier);
  }

  @Override protected HuaweiCloudSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>/gaussdb}: what {@code baseUrl.huaweicloud.gaussdb} should be. */
  public String gaussDbBaseUrl() {
    return "http://127.0.0.1:" + port() + "/gaussdb";
  }

  /** {@code http://127.0.0.1:<port>/rds}: what {@code baseUrl.huaweicloud.rds} should be. */
  public String rdsBaseUrl() {
    return "http://127.0.0.1:" + port() + "/rds";
  }

  /** Both base URLs as JDBC URL properties, e.g. {@code jdbc:credql:} + this. */
  public String jdbcProperties() {
    return "baseUrl.huaweicloud.gaussdb=" + gaussDbBaseUrl() + ";baseUrl.huaweicloud.rds=" + rdsBaseUrl();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The project the simulator serves. */
  public String projectId() {
    return state.projectId();
  }

  public String region() {
    return state.region();
  }

  /** GaussDB instance {@code id} as it is now. */
  public Optional<GaussDbInstance> gaussDbInstance(String id) {
    return Optional.ofNullable(state.gaussDbInstance(id));
  }

  /** RDS instance {@code id} as it is now. */
  public Optional<RdsInstance> rdsInstance(String id) {
    return Optional.ofNullable(state.rdsInstance(id));
  }

  /** The current password of account {@code name} of GaussDB instance {@code instanceId}. */
  public String accountPassword(String instanceId, String name) {
    final GaussDbInstance instance = gaussDbInstance(instanceId)
        .orElseThrow(() -> new NoSuchElementException("no GaussDB instance " + instanceId));
    return instance.accounts().stream().filter(a -> a.name().equals(name)).findFirst()
        .map(GaussDbAccount::password)
        .orElseThrow(() -> new NoSuchElementException("GaussDB instance " + instanceId + " has no account " + name));
  }

  /** The current root password of RDS instance {@code instanceId}. */
  public String rootPassword(String instanceId) {
    return requireNonNull(rdsInstance(instanceId)
        .orElseThrow(() -> new NoSuchElementException("no RDS instance " + instanceId)).rootPassword(), "rootPassword");
  }

  /** Changes a GaussDB instance's status, as Huawei does while it freezes, builds or repairs one. */
  public void setGaussDbStatus(String instanceId, String status) {
    state.setGaussDbStatus(instanceId, status);
  }

  /** Changes an RDS instance's status, as Huawei does while it reboots or resizes one. */
  public void setRdsStatus(String instanceId, String status) {
    state.setRdsStatus(instanceId, status);
  }

  /** Options of a {@link HuaweiCloudSimulator}; the access key and secret key are required. */
  public static final class Builder extends ClockedSimulatorBuilder<Builder> {
    private @Nullable String accessKey;
    private @Nullable String secretKey;
    private HuaweiCloudDataset dataset = HuaweiCloudDataset.demo();

    private Builder() {
      super(Builder.class);
    }

    /** The only access key the gateway knows; any other is refused with {@code APIGW.0301}. */
    public Builder accessKey(String accessKey) {
      this.accessKey = nonEmpty(accessKey, "accessKey");
      return this;
    }

    /** The secret key belonging to the access key, with which signatures are verified. */
    public Builder secretKey(String secretKey) {
      this.secretKey = nonEmpty(secretKey, "secretKey");
      return this;
    }

    /** The project and instances (the demo ones by default). */
    public Builder dataset(HuaweiCloudDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    public HuaweiCloudSimulator build() {
      return new HuaweiCloudSimulator(this);
    }

    private static String nonEmpty(String value, String name) {
      requireNonNull(value, name);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
