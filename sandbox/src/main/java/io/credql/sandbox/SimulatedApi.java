package io.credql.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every provider's simulator has in common: a {@link SimulatorServer} on a free loopback
 * port answering with the simulator's transformer, started and stopped here, and the request
 * journal tests read. The simulated state belongs to the subclass and outlives a stop.
 *
 * @param <S> the simulator itself, which {@link #start()} returns
 */
public abstract class SimulatedApi<S extends SimulatedApi<S>> implements AutoCloseable {
  private final @Nullable Integer journalLimit;
  private @Nullable WireMockServer server;

  /** @param journalLimit the most requests the journal keeps (null: all) */
  protected SimulatedApi(@Nullable Integer journalLimit) {
    this.journalLimit = journalLimit;
  }

  /** {@code entries} as a journal limit (a builder's {@code requestJournalLimit}); it must be positive. */
  public static int journalLimit(int entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("journal limit must be positive");
    }
    return entries;
  }

  /** The transformer that answers every request; made each time the server starts. */
  protected abstract ResponseDefinitionTransformerV2 api();

  protected abstract S self();

  /** Starts the server on a free loopback port; returns this simulator. */
  public final synchronized S start() {
    if (server != null) {
      throw new IllegalStateException("the simulator is already started");
    }
    server = SimulatorServer.start(api(), journalLimit);
    return self();
  }

  /** Stops the server; the state is kept, but requests are no longer answered. */
  public final synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override public final void close() {
    stop();
  }

  /** The running WireMock server, for verifications beyond the counts below. */
  public final synchronized WireMockServer server() {
    if (server == null) {
      throw new IllegalStateException("the simulator is not started");
    }
    return server;
  }

  public final int port() {
    return server().port();
  }

  /** Every request received since the start or the last {@link #resetRequests()}, oldest first. */
  public final List<LoggedRequest> requests() {
    final List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : server().getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    // the journal lists the newest first
    Collections.reverse(requests);
    return requests;
  }

  /** How many requests were received. */
  public final int requestCount() {
    return server().getAllServeEvents().size();
  }

  /** How many requests had a path (without the query) matching {@code pathRegex}, whatever their method. */
  public final int requestCount(String pathRegex) {
    return count(null, pathRegex);
  }

  /**
   * How many requests had this HTTP method and a path (without the query) matching
   * {@code pathRegex}, e.g. {@code DELETE} and {@code /v1/postgres/[^/]+/credentials/.+}.
   */
  public final int requestCount(String method, String pathRegex) {
    return count(method, pathRegex);
  }

  private int count(@Nullable String method, String pathRegex) {
    final Pattern pattern = Pattern.compile(pathRegex);
    int count = 0;
    for (ServeEvent event : server().getAllServeEvents()) {
      final LoggedRequest request = event.getRequest();
      final String url = request.getUrl();
      final int query = url.indexOf('?');
      if ((method == null || request.getMethod().getName().equals(method))
          && pattern.matcher(query < 0 ? url : url.substring(0, query)).matches()) {
        count++;
      }
    }
    return count;
  }

  /** Forgets the requests received so far (the simulated state is unchanged). */
  public final void resetRequests() {
    server().resetRequests();
  }
}
