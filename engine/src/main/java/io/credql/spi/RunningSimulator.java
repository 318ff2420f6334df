package io.credql.spi;

import java.util.List;
import java.util.Map;

/** A started simulator: where it listens and which demo credentials it accepts. */
public interface RunningSimulator extends AutoCloseable {
  /**
   * Base URLs to use instead of the documents' servers, keyed as the {@code baseUrl.} connection
   * properties are: {@code provider} or {@code provider.service}.
   */
  Map<String, String> baseUrls();

  /** Environment variables (names as the provider's auth config reads them) with demo values. */
  Map<String, String> credentials();

  /** Statements to show in the sandbox banner. */
  List<String> exampleQueries();

  @Override void close();
}
