package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.Page;
import org.apache.calcite.DataContext;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The single-object calls one execution of a query has started, so that an identical call (the
 * same key met again in a later batch of a lookup join) is made once. Listings are not kept: their
 * pages could be large, and a query rarely lists the same thing twice.
 */
final class QueryCalls {
  private static final Map<DataContext, QueryCalls> BY_EXECUTION =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Beyond this many calls, new ones are made without being remembered. */
  private static final int MAX_CALLS = 100_000;

  private final Map<BoundCall, Future<Page>> firstPages = new ConcurrentHashMap<>();

  private QueryCalls() {
  }

  /** The calls of the query execution {@code root} belongs to. */
  static QueryCalls of(DataContext root) {
    return BY_EXECUTION.computeIfAbsent(root, r -> new QueryCalls());
  }

  /** The first page of {@code call}: the one already started in this execution, or a new one. */
  Future<Page> firstPage(BoundCall call, Supplier<Future<Page>> start) {
    if (call.method().objectKey() != null || firstPages.size() >= MAX_CALLS) {
      return start.get();
    }
    final Future<Page> existing = firstPages.computeIfAbsent(call, c -> start.get());
    if (existing.isCancelled()) {
      final Future<Page> fresh = start.get();
      firstPages.put(call, fresh);
      return fresh;
    }
    return existing;
  }
}
