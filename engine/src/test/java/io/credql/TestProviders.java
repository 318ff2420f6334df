package io.credql;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A connection to the provider documents of a test-resources folder whose calls go to a fake
 * server on loopback: the folder, each provider's base URL, then {@link #connect}. Immutable, so a
 * test class keeps one in a constant and adds what one test needs.
 */
public final class TestProviders {
  private final Path documents;
  private final Map<String, String> baseUrls;

  private TestProviders(Path documents, Map<String, String> baseUrls) {
    this.documents = requireNonNull(documents, "documents");
    this.baseUrls = Map.copyOf(baseUrls);
  }

  /** The documents in {@code src/test/resources/<folder>} (StackQL's layout, {@code <provider>/<version>/...}). */
  public static TestProviders in(String folder) {
    return new TestProviders(Paths.get("src/test/resources", folder).toAbsolutePath(), Map.of());
  }

  /** The same documents, with {@code provider}'s calls going to {@code url} ({@code baseUrl.<provider>=}). */
  public TestProviders calling(String provider, String url) {
    final Map<String, String> urls = new LinkedHashMap<>(baseUrls);
    urls.put(requireNonNull(provider, "provider"), requireNonNull(url, "url"));
    return new TestProviders(documents, urls);
  }

  /** The JDBC URL of these documents and base URLs. */
  public String url() {
    final StringBuilder url = new StringBuilder("jdbc:credql:providers=").append(documents);
    baseUrls.forEach((provider, base) -> url.append(";baseUrl.").append(provider).append('=').append(base));
    return url.toString();
  }

  public Connection connect() throws SQLException {
    return connect("");
  }

  /** A connection with {@code extra} properties after the URL ({@code ";concurrency=4"}, or empty). */
  public Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(url() + extra);
  }
}
