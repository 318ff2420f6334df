package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.Page;
import io.credql.document.MethodDefinition;
import io.credql.session.ProviderCatalog;
import org.apache.calcite.DataContexts;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A lookup join makes an identical call once, and a fan-out of any size keeps only its latest calls'
 * pages: a 100,000-call join runs in a small heap.
 */
class QueryCallsTest {
  @Test void aRepeatedCallIsMadeOnceButAFanOutRemembersOnlyItsLatestCalls() throws Exception {
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(),
        List.of(Paths.get("src/test/resources/providers").toAbsolutePath()));
    final MethodDefinition method = catalog.provider("acme").service("things").resource("thing_secrets")
        .method("getThingSecret");
    final QueryCalls calls = QueryCalls.of(DataContexts.EMPTY);
    final AtomicInteger started = new AtomicInteger();
    final Supplier<Future<Page>> start = () -> {
      started.incrementAndGet();
      return new CompletableFuture<>();
    };
    calls.firstPage(new BoundCall(method, Map.of("thingId", 0L), null), start);
    calls.firstPage(new BoundCall(method, Map.of("thingId", 0L), null), start);
    assertEquals(1, started.get(), "the same call met again is not made again");
    for (long id = 1; id <= QueryCalls.MAX_CALLS; id++) {
      calls.firstPage(new BoundCall(method, Map.of("thingId", id), null), start);
    }
    calls.firstPage(new BoundCall(method, Map.of("thingId", 0L), null), start);
    assertEquals(QueryCalls.MAX_CALLS + 2, started.get(),
        "the first call was forgotten once " + QueryCalls.MAX_CALLS + " later ones were remembered");
  }
}
