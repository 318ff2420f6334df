package io.credql.sandbox;

import io.credql.spi.ProviderSimulator;
import io.credql.spi.RunningSimulator;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulators of all bundled providers (every {@link ProviderSimulator} on the class path),
 * shared by every {@code sandbox=true} connection: started on first use, and stopped when the JVM exits or, once the program's main thread has
 * returned, as soon as no connection uses them: their server threads would otherwise keep alive a
 * JDBC program that has closed its connection. While the main thread runs (a shell, a test, a
 * server) they stay up between connections and keep their data; a connection opened after a stop
 * starts them again, with fresh data.
 */
public final class Sandbox {
  /** How often an unused sandbox looks whether the program's main thread has ended. */
  private static final long IDLE_CHECK_MILLIS = 200;
  private static final @Nullable Thread MAIN = mainThread();
  private static final ScheduledExecutorService STOPPER = Executors.newSingleThreadScheduledExecutor(task -> {
    final Thread thread = new Thread(task, "credql-sandbox-stop");
    thread.setDaemon(true);
    return thread;
  });
  private static @Nullable Sandbox shared;
  private static int connections;
  private static @Nullable ScheduledFuture<?> pendingStop;

  private final List<RunningSimulator> simulators;
  private final Map<String, String> baseUrls = new LinkedHashMap<>();
  private final Map<String, String> credentials = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private final Thread stopAtExit = new Thread(this::stop, "credql-sandbox-stop-at-exit");

  private Sandbox(List<RunningSimulator> simulators) {
    this.simulators = List.copyOf(simulators);
    for (RunningSimulator simulator : simulators) {
      baseUrls.putAll(simulator.baseUrls());
      credentials.putAll(simulator.credentials());
      examples.addAll(simulator.exampleQueries());
    }
  }

  /** The JVM's sandbox, started on first call. */
  public static synchronized Sandbox shared() {
    if (shared == null) {
      final List<RunningSimulator> running = new ArrayList<>();
      for (ProviderSimulator simulator : ServiceLoader.load(ProviderSimulator.class, Sandbox.class.getClassLoader())) {
        running.add(simulator.startSandbox());
      }
      shared = new Sandbox(running);
      Runtime.getRuntime().addShutdownHook(shared.stopAtExit);
    }
    return shared;
  }

  /** The JVM's sandbox for a connection that opens now; the connection {@link #release}s it as it closes. */
  public static synchronized Sandbox acquire() {
    if (pendingStop != null) {
      pendingStop.cancel(false);
      pendingStop = null;
    }
    final Sandbox sandbox = shared();
    connections++;
    return sandbox;
  }

  /**
   * A connection that {@link #acquire}d the sandbox has closed; after the last one, the sandbox
   * stops as soon as the main thread has ended too.
   */
  public static synchronized void release() {
    if (connections == 0 || --connections > 0 || shared == null) {
      return;
    }
    final Sandbox idle = shared;
    pendingStop = STOPPER.scheduleWithFixedDelay(() -> stopIfIdle(idle), IDLE_CHECK_MILLIS,
        IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static synchronized void stopIfIdle(Sandbox idle) {
    if (connections > 0 || shared != idle || MAIN != null && MAIN.isAlive()) {
      return;
    }
    if (pendingStop != null) {
      pendingStop.cancel(false);
    }
    shared = null;
    pendingStop = null;
    try {
      Runtime.getRuntime().removeShutdownHook(idle.stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook stops it
      return;
    }
    idle.stop();
  }

  /** The JVM's main thread, or null if this JVM has none (an application server's, say). */
  private static @Nullable Thread mainThread() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if ("main".equals(thread.getName()) && !thread.isDaemon()) {
        return thread;
      }
    }
    return null;
  }

  /** {@code baseUrl.} overrides pointing every bundled provider at its simulator. */
  public Map<String, String> baseUrls() {
    return baseUrls;
  }

  /** Demo credentials, by environment variable name. */
  public Map<String, String> credentials() {
    return credentials;
  }

  /** Statements worth trying, for the shell's banner. */
  public List<String> exampleQueries() {
    return examples;
  }

  private void stop() {
    for (RunningSimulator simulator : simulators) {
      try {
        simulator.close();
      } catch (RuntimeException e) {
        // a simulator that fails to stop is still no longer used
      }
    }
  }
}
