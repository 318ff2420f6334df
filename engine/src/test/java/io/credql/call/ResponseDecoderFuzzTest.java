package io.credql.call;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;

import java.io.IOException;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fuzzes how provider responses are read, through the product's own path: a loopback server
 * answers a SELECT with the fuzzer's bytes, and the connection's client, decoder and row maker
 * turn them into rows or into the two errors a response may cause, a
 * {@link ProviderResponseException} (a 2xx body that does not match its document) or a
 * {@link ProviderErrorException} (an error status, whose body becomes its message). Anything
 * else escaping, an error without a message or an unchecked exception, is a bug.
 *
 * <p>The input's first byte picks the status (even: 200, odd: 400) and the statement (a single
 * object, or a list at {@code $[*]}); the rest is the body. Only the first request of a statement
 * gets the body, so a body promising more pages cannot keep the fuzzer paging.
 */
class ResponseDecoderFuzzTest {
  private static final String[] STATEMENTS = {
      "SELECT * FROM acme.things.things WHERE thingId = 1",
      "SELECT * FROM acme.things.widgets"};
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static volatile byte[] body = new byte[0];
  private static volatile int status = 200;
  private static LoopbackJsonServer server;
  private static Connection connection;

  private static synchronized Connection connection() throws IOException, SQLException {
    if (connection == null) {
      server = LoopbackJsonServer.answering(request -> {
        final boolean first = REQUESTS.getAndIncrement() == 0;
        return first ? Answer.of(status, "application/json", body) : Answer.json("[]");
      });
      connection = DriverManager.getConnection("jdbc:credql:providers="
          + Paths.get("src/test/resources/providers").toAbsolutePath()
          + ";baseUrl.acme=" + server.url("/v1"));
    }
    return connection;
  }

  @FuzzTest(maxDuration = "60s")
  void anyResponseBodyIsReadOrRejectedCleanly(byte[] input) throws IOException, SQLException {
    if (input.length == 0) {
      return;
    }
    final Connection c = connection();
    status = (input[0] & 1) == 0 ? 200 : 400;
    body = Arrays.copyOfRange(input, 1, input.length);
    REQUESTS.set(0);
    try (PreparedStatement ps = c.prepareStatement(STATEMENTS[(input[0] >> 1) & 1]);
         ResultSet rs = ps.executeQuery()) {
      final int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
      if (status != 200) {
        throw new AssertionError("an error status gave rows instead of an error");
      }
    } catch (SQLException e) {
      final CredqlException reported = CredqlException.find(e);
      if (!(reported instanceof ProviderResponseException || reported instanceof ProviderErrorException)
          || reported.getMessage() == null || reported.getMessage().isBlank()) {
        throw new AssertionError("not a documented response error: " + e, e);
      }
    }
  }
}
