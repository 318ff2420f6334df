package io.credql.spi;

/**
 * Starts an in-process simulator of a provider's API with demo data, for the sandbox. Registered in
 * {@code META-INF/services/io.credql.spi.ProviderSimulator} of the provider's simulator module.
 */
public interface ProviderSimulator {
  /** Starts on a free loopback port; the caller closes it. */
  RunningSimulator startSandbox();
}
