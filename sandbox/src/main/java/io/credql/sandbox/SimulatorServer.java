package io.credql.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import org.checkerframework.checker.nullness.qual.Nullable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static java.util.Objects.requireNonNull;

/**
 * Starts the WireMock server a provider simulator runs on: loopback only, a free port, one stub
 * that hands every request to the simulator's transformer (so the request journal records them
 * all), delays scheduled rather than slept, room for hundreds of concurrent connections, and
 * header values read with their case.
 */
public final class SimulatorServer {
  private static final int CONTAINER_THREADS = 200;
  /** The JDK's default backlog (50) makes hundreds of simultaneous connects wait for SYN retries. */
  private static final int ACCEPT_QUEUE = 1024;

  private SimulatorServer() {
  }

  /**
   * A started server answering every request with {@code api}, whose {@code getName()} the stub
   * names; at most {@code journalLimit} requests are kept in the journal (null: all).
   */
  public static WireMockServer start(ResponseDefinitionTransformerV2 api, @Nullable Integer journalLimit) {
    requireNonNull(api, "api");
    final WireMockConfiguration options = WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(CONTAINER_THREADS)
        .jettyAcceptQueueSize(ACCEPT_QUEUE)
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(8)
        .templatingEnabled(false)
        .stubRequestLoggingDisabled(true)
        .notifier(new Slf4jNotifier(false))
        .extensions(api, new CaseSensitiveJettyServerFactory());
    if (journalLimit != null) {
      options.maxRequestJournalEntries(journalLimit);
    }
    final WireMockServer server = new WireMockServer(options);
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(api.getName())));
    return server;
  }
}
