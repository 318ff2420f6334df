package io.credql.linode;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import io.credql.sandbox.RateLimitWindow;
import io.credql.sandbox.SimulatedApi;
import io.credql.sandbox.SimulatorBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A stateful simulator of Linode API v4 Managed Databases (PostgreSQL and MySQL listings, single
 * databases, root credentials and their reset) on a WireMock server bound to 127.0.0.1.
 *
 * <p>One stub matches every request; its response comes from {@link LinodeApiTransformer}, which
 * reads and changes the simulator's state. WireMock's request journal therefore records every
 * request, which is what {@link #requestCount()} and {@link #requests()} read.
 *
 * <pre>{@code
 * try (LinodeSimulator sim = LinodeSimulator.builder().token("t").dataset(LinodeSimulator.demoDataset()).build().start()) {
 *   String url = sim.baseUrl();   // http://127.0.0.1:<port>/v4
 * }
 * }</pre>
 */
public final class LinodeSimulator extends SimulatedApi<LinodeSimulator> {
  /** Linode's documented limit per minute, reported in {@code X-RateLimit-Limit} when no rate is set. */
  static final int RECORDED_RATE_LIMIT_PER_MINUTE = 1600;
  /** Jetty threads: enough for hundreds of concurrent calls, since delayed responses do not hold one. */

  /** The {@code page_size} values the listings accept, and the size of a page when none is asked for. */
  public record PageSizeBounds(int min, int max, int defaultSize) {
    /** Linode's: 25 to 500, 100 by default. */
    public static final PageSizeBounds LINODE = new PageSizeBounds(25, 500, 100);

    public PageSizeBounds {
      if (min < 1 || max < min || defaultSize < min || defaultSize > max) {
        throw new IllegalArgumentException("page sizes need 1 <= min <= default <= max, not "
            + min + ", " + defaultSize + ", " + max);
      }
    }
  }

  private final String token;
  private final LinodeState state;
  private final int latencyMillis;
  private final int rateLimitPerSecond;
  private final PageSizeBounds pageSizes;

  private LinodeSimulator(Builder b) {
    super(b.journalLimit());
    this.token = requireNonNull(b.token, "token: a simulator needs the bearer token it accepts");
    this.state = new LinodeState(b.dataset);
    this.latencyMillis = b.latencyMillis;
    this.rateLimitPerSecond = b.rateLimitPerSecond;
    this.pageSizes = b.pageSizes;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override protected ResponseDefinitionTransformerV2 api() {
    final RateLimitWindow window = rateLimitPerSecond > 0
        ? new RateLimitWindow(rateLimitPerSecond, 1000, true)
        : new RateLimitWindow(RECORDED_RATE_LIMIT_PER_MINUTE, 60_000, false);
    return new LinodeApiTransformer(state, token, window, pageSizes, latencyMillis,
        System::currentTimeMillis);
  }

  @Override protected LinodeSimulator self() {
    return this;
  }

  /** The sandbox's databases; see {@link LinodeDataset#demo()}. */
  public static LinodeDataset demoDataset() {
    return LinodeDataset.demo();
  }

  /** {@code http://127.0.0.1:<port>/v4}, what {@code baseUrl.linode} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v4";
  }

  /** The bearer token the simulator accepts. */
  public String token() {
    return token;
  }

  /** Database {@code id} of {@code engine} as it is now. */
  public Optional<ManagedDatabase> database(DatabaseEngine engine, long id) {
    return Optional.ofNullable(state.find(engine, id));
  }

  /** The databases of {@code engine}, by ascending id. */
  public List<ManagedDatabase> databases(DatabaseEngine engine) {
    return state.list(requireNonNull(engine, "engine"));
  }

  /** The current root password of database {@code id}. */
  public String password(DatabaseEngine engine, long id) {
    return requireNonNull(existing(engine, id).password(), "password");
  }

  /** The root username of database {@code id}. */
  public String username(DatabaseEngine engine, long id) {
    return existing(engine, id).username();
  }

  /** Adds a database, or replaces the one with its id. */
  public void putDatabase(ManagedDatabase database) {
    state.put(database);
  }

  /** Changes the status of database {@code id}, as Linode does while it suspends, resumes or provisions. */
  public void setStatus(DatabaseEngine engine, long id, DatabaseStatus status) {
    state.setStatus(engine, id, status);
  }

  private ManagedDatabase existing(DatabaseEngine engine, long id) {
    final ManagedDatabase db = state.find(requireNonNull(engine, "engine"), id);
    if (db == null) {
      throw new NoSuchElementException("no " + engine.apiName() + " database with id " + id);
    }
    return db;
  }

  /** Options of a {@link LinodeSimulator}; only the token is required. */
  public static final class Builder extends SimulatorBuilder<Builder> {
    private @Nullable String token;
    private LinodeDataset dataset = LinodeDataset.empty();
    private int latencyMillis;
    private int rateLimitPerSecond;
    private PageSizeBounds pageSizes = PageSizeBounds.LINODE;

    private Builder() {
      super(Builder.class);
    }

    /** The token accepted as {@code Authorization: Bearer <token>}; anything else is 401. */
    public Builder token(String token) {
      requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new IllegalArgumentException("token must not be empty");
      }
      this.token = token;
      return this;
    }

    /** The databases the simulator starts with (none by default). */
    public Builder dataset(LinodeDataset dataset) {
      this.dataset = requireNonNull(dataset, "dataset");
      return this;
    }

    /** A fixed delay before every response (none by default), for benchmarks. */
    public Builder latency(Duration latency) {
      requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("latency must be from 0 to " + Integer.MAX_VALUE + " ms");
      }
      this.latencyMillis = (int) latency.toMillis();
      return this;
    }

    /**
     * At most {@code requestsPerSecond} requests per clock second; more get 429 with
     * {@code Retry-After}. 0 (the default) means no limit.
     */
    public Builder rateLimit(int requestsPerSecond) {
      if (requestsPerSecond < 0) {
        throw new IllegalArgumentException("rate limit must be 0 (none) or positive");
      }
      this.rateLimitPerSecond = requestsPerSecond;
      return this;
    }

    public Builder pageSizes(PageSizeBounds pageSizes) {
      this.pageSizes = requireNonNull(pageSizes, "pageSizes");
      return this;
    }

    public LinodeSimulator build() {
      return new LinodeSimulator(this);
    }
  }
}
