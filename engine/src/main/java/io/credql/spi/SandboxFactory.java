package io.credql.spi;

/**
 * Opens the sandbox a {@code sandbox=true} connection runs on: every simulated provider, started
 * in this JVM. Registered in {@code META-INF/services/io.credql.spi.SandboxFactory} by the sandbox
 * module, so the engine names no simulator and a driver jar without the sandbox has none.
 */
public interface SandboxFactory {
  /**
   * The running sandbox for one connection: the base URLs and demo credentials of every simulated
   * provider. The connection closes it as it closes; the simulators may outlive it.
   */
  RunningSimulator open();
}
