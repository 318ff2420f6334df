package io.credql.render;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.RateLimitWindow;
import io.credql.sandbox.SimulatedApi;
import io.credql.sandbox.SimulatorBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of Render's Postgres API (instances, their users and the default user's
 * connection information) on a WireMock server bound to 127.0.0.1.
 *
 * <p>One stub matches every request; its response comes from {@link RenderApiTransformer}, which
 * reads and changes the simulator's state. WireMock's request journal therefore records every
 * request, which is what {@link #requestCount()} and {@link #requests()} read.
 *
 * <pre>{@code
 * try (RenderSimulator sim = RenderSimulator.builder().apiKey("k").dataset(RenderDataset.demo()).build().start()) {
 *   String url = sim.baseUrl();   // http://127.0.0.1:<port>/v1
 * }
 * }</pre>
 */
public final class RenderSimulator extends SimulatedApi<RenderSimulator> {
  /** Render's documented limit of GET requests per minute (besides a few named endpoints). */
  public static final int READS_PER_MINUTE = 400;
  /** Render's documented limit of other POST, PATCH and DELETE requests per minute. */
  public static final int WRITES_PER_MINUTE = 30;

  private final String apiKey;
  private final RenderState state;
  private final int readsPerMinute;
  private final int writesPerMinute;
  private final LongSupplier clock;

  private RenderSimulator(Builder b) {
    super(b.journalLimit());
    this.apiKey = requireNonNull(b.apiKey, "apiKey: a simulator needs the API key it accepts");
    this.state = new RenderState(b.dataset);
    this.readsPerMinute = b.readsPerMinute;
    this.writesPerMinute = b.writesPerMinute;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    return new RenderApiTransformer(state, apiKey, new RateLimitWindow(readsPerMinute, 60_000, true),
        new RateLimitWindow(writesPerMinute, 60_000, true), clock);
  }

  @Override protected RenderSimulator self() {
    return this;
  }

  /** {@code http://127.0.0.1:<port>/v1}, what {@code baseUrl.render} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** The API key the simulator accepts. */
  public String apiKey() {
    return apiKey;
  }

  /** Instance {@code id} as it is now. */
  public Optional<PostgresInstance> instance(String id) {
    return Optional.ofNullable(state.find(requireNonNull(id, "id")));
  }

  /** The instances, by ascending id. */
  public List<PostgresInstance> instances() {
    return state.list(instance -> true);
  }

  /** The users of instance {@code id}, oldest first; the last is the default. */
  public List<PostgresUser> users(String id) {
    return existing(id).users();
  }

  /** The default user of instance {@code id}: the one connection info shows. */
  public PostgresUser defaultUser(String id) {
    return existing(id).defaultUser();
  }

  /** Adds an instance, or replaces the one with its id. */
  public void putInstance(PostgresInstance instance) {
    state.put(instance);
  }

  /** Sets how many connections are open as a user, as applications connect or go away. */
  public void setOpenConnections(String id, String username, int count) {
    state.setOpenConnections(id, username, count);
  }

  private PostgresInstance existing(String id) {
    final PostgresInstance instance = state.find(requireNonNull(id, "id"));
    if (instance == null) {
      throw new NoSuchElementException("no Postgres instance " + id);
    }
    return instance;
  }

  /** Options of a {@link RenderSimulator}; only the API key is required. */
  public static final class Builder extends SimulatorBuilder<Builder> {
    private @Nullable String apiKey;
    private RenderDataset dataset = RenderDataset.empty();
    private int readsPerMinute = READS_PER_MINUTE;
    private int writesPerMinute = WRITES_PER_MINUTE;
    private LongSupplier clock = System::currentTimeMillis;

    private Builder() {
      super(Builder.class);
    }

    /** The key accepted as {@code Authorization: Bearer <key>}; anything else is 401. */
    public Builder apiKey(String apiKey) {
      requireNonNull(apiKey, "apiKey");
      if (apiKey.isEmpty()) {
        throw new IllegalArgumentException("apiKey must not be empty");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** The instances the simulator starts with (none by default). */
    public Builder dataset(RenderDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    /**
     * Requests allowed per clock minute, reads (GET) and writes (POST, DELETE) counted apart, as
     * Render does; more get 429 with {@code Retry-After}. Render's: 400 and 30.
     */
    public Builder rateLimits(int readsPerMinute, int writesPerMinute) {
      if (readsPerMinute < 1 || writesPerMinute < 1) {
        throw new IllegalArgumentException("rate limits must be positive");
      }
      this.readsPerMinute = readsPerMinute;
      this.writesPerMinute = writesPerMinute;
      return this;
    }

    /** The clock (epoch milliseconds) of rate-limit windows and of new users' creation times. */
    public Builder clock(LongSupplier clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public RenderSimulator build() {
      return new RenderSimulator(this);
    }
  }
}
