package io.credql.sandbox;

import io.credql.spi.RunningSimulator;
import io.credql.spi.SandboxFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Opens the JVM's shared {@link Sandbox} for a connection, which releases it once as it closes. The
 * driver finds this class through {@code META-INF/services/io.credql.spi.SandboxFactory}.
 */
public final class SharedSandboxFactory implements SandboxFactory {
  @Override public RunningSimulator open() {
    return new Lease(Sandbox.acquire());
  }

  /** One connection's hold on the shared sandbox. */
  private static final class Lease implements RunningSimulator {
    private final Sandbox sandbox;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(Sandbox sandbox) {
      this.sandbox = requireNonNull(sandbox, "sandbox");
    }

    @Override public Map<String, String> baseUrls() {
      return sandbox.baseUrls();
    }

    @Override public Map<String, String> credentials() {
      return sandbox.credentials();
    }

    @Override public List<String> exampleQueries() {
      return sandbox.exampleQueries();
    }

    @Override public void close() {
      if (released.compareAndSet(false, true)) {
        Sandbox.release();
      }
    }
  }
}
