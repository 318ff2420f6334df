package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.Page;
import org.apache.calcite.DataContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The single-object calls one execution of a query has started, so that an identical call (the
 * same key met again in a later batch of a lookup join) is made once. Only the latest calls are
 * kept, so a fan-out of any size holds a bounded number of pages; listings are not kept: their
 * pages could be large, and a query rarely lists the same thing twice. An execution's instance also
 * stands for the query when calls share the provider's places ({@code ProviderClient.fetch}).
 */
final class QueryCalls {
  private static final Map<DataContext, QueryCalls> BY_EXECUTION =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Calls remembered; the oldest is forgotten first (a later identical call is made again). */
  static final int MAX_CALLS = 4096;

  private final Map<BoundCall, Future<Page>> firstPages = new LinkedHashMap<>(16, 0.75f, false) {
    @Override protected boolean removeEldestEntry(Map.Entry<BoundCall, Future<Page>> eldest) {
      return size() > MAX_CALLS;
    }
  };

  private QueryCalls() {
  }

  /** The calls of the query execution {@code root} belongs to. */
  static QueryCalls of(DataContext root) {
    return BY_EXECUTION.computeIfAbsent(root, r -> new QueryCalls());
  }

  /** The first page of {@code call}: the one already started in this execution, or a new one. */
  Future<Page> firstPage(BoundCall call, Supplier<Future<Page>> start) {
    if (call.method().objectKey() != null) {
      return start.get();
    }
    synchronized (firstPages) {
      final Future<Page> existing = firstPages.get(call);
      if (existing != null && !existing.isCancelled()) {
        return existing;
      }
      final Future<Page> fresh = start.get();
      firstPages.put(call, fresh);
      return fresh;
    }
  }
}
