package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.session.ProviderCatalog;
import io.credql.spi.BoundCall;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a debug log line says about a request: its method once, and its origin with the port (issue 12, finding 12). */
class PreparedRequestLogLineTest {
  private static final MethodDefinition METHOD = ProviderCatalog.create(List.of(),
          List.of(Paths.get("src/test/resources/paging").toAbsolutePath()))
      .provider("pager").service("items").resource("by_cursor").method("list");

  @Test void aRequestIsShownAsItsMethodOnceAndItsOriginWithThePort() {
    final PreparedRequest request = new PreparedRequest(new BoundCall(METHOD, Map.of(), null), "PUT",
        HttpUrl.get("http://127.0.0.1:8123/v3/instances/i-1/password?verbose=1"), Map.of(), null);
    assertEquals("PUT http://127.0.0.1:8123/v3/instances/i-1/password", request.toString());
  }
}
