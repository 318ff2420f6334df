package io.credql.linode;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.credql.sandbox.SimulatorServer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server in front of a simulator that injects faults: for each request, the
 * {@link Plan} either returns a fault (an error status, a dropped connection, a stall, a broken
 * body) or nothing, and then the request is passed on to the simulator unchanged.
 */
final class FaultyFront implements AutoCloseable {
  /** Which fault, if any, a request meets. */
  interface Plan {
    /**
     * @param url the request's path and query
     * @param nth how many requests this URL has had, this one included (1 for the first)
     * @return the fault's response, or null to pass the request on
     */
    @Nullable ResponseDefinitionBuilder fault(String url, int nth);
  }

  private final String target;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final AtomicInteger injected = new AtomicInteger();
  private final AtomicInteger passed = new AtomicInteger();
  private volatile Plan plan = (url, nth) -> null;
  private final WireMockServer server;

  /** A front passing requests on to {@code target}, e.g. {@code http://127.0.0.1:1234}. */
  FaultyFront(String target) {
    this.target = target;
    this.server = SimulatorServer.start(new Injector(), null);
  }

  /** From now on, faults come from {@code next}; the counts start again. */
  FaultyFront plan(Plan next) {
    seen.clear();
    injected.set(0);
    passed.set(0);
    plan = next;
    return this;
  }

  /** {@code http://127.0.0.1:<port>/v4}: what {@code baseUrl.linode} should be. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v4";
  }

  /** Faults injected since the last {@link #plan}. */
  int injected() {
    return injected.get();
  }

  /** Requests passed on to the simulator since the last {@link #plan}. */
  int passed() {
    return passed.get();
  }

  @Override public void close() {
    server.stop();
  }

  private final class Injector implements ResponseDefinitionTransformerV2 {
    @Override public String getName() {
      return "faulty-front";
    }

    @Override public boolean applyGlobally() {
      return false;
    }

    @Override public ResponseDefinition transform(ServeEvent serveEvent) {
      final String url = serveEvent.getRequest().getUrl();
      final int nth = seen.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
      final ResponseDefinitionBuilder fault = plan.fault(url, nth);
      if (fault != null) {
        injected.incrementAndGet();
        return fault.build();
      }
      passed.incrementAndGet();
      return ResponseDefinitionBuilder.responseDefinition().proxiedFrom(target).build();
    }
  }
}
