package io.credql;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The engine tests' provider {@code acme} (its documents in {@code src/test/resources/providers})
 * answered by a WireMock on a free loopback port, and the connections that reach it. A test class
 * registers the fake with {@code @RegisterExtension static final WireMockExtension api =
 * AcmeApi.fake();}: it starts before the class's tests, and forgets its stubs and requests before
 * each test.
 */
public final class AcmeApi {
  /** The JDBC URL of the test documents, without a base URL. */
  public static final String DOCUMENTS = "jdbc:credql:providers="
      + Paths.get("src/test/resources/providers").toAbsolutePath();

  private AcmeApi() {
  }

  /** A WireMock on a free loopback port, started for a test class and reset before each test. */
  public static WireMockExtension fake() {
    return WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();
  }

  /** The JDBC URL of the test documents with {@code acme}'s calls going to {@code api}'s {@code /v1}. */
  public static String url(WireMockExtension api) {
    return DOCUMENTS + ";baseUrl.acme=" + base(api) + "/v1";
  }

  /** {@code http://127.0.0.1:<port>} of {@code api}, for the base URL of another provider or service. */
  public static String base(WireMockExtension api) {
    return "http://127.0.0.1:" + api.getPort();
  }

  /** A connection to {@link #url}, with {@code extra} properties ({@code ";dryRun=true"}, or empty). */
  public static Connection connect(WireMockExtension api, String extra) throws SQLException {
    return DriverManager.getConnection(url(api) + extra);
  }
}
