package io.credql.rows;

import io.credql.spi.BoundCall;
import io.credql.call.Page;
import io.credql.call.StatementCalls;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The single-object calls one execution of a query has started, so that an identical call (the
 * same key met again in a later batch of a lookup join) is made once. Only the latest calls are
 * kept, so a fan-out of any size holds a bounded number of pages; listings are not kept: their
 * pages could be large, and a query rarely lists the same thing twice. An execution's instance also
 * stands for the query when calls share the provider's places ({@code ProviderClient.fetch}), and
 * tells them when its statement is cancelled, so that calls on the fan-out's threads stop too.
 */
final class QueryCalls implements StatementCalls.Query {
  private static final Map<DataContext, QueryCalls> BY_EXECUTION =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Calls remembered; the oldest is forgotten first (a later identical call is made again). */
  static final int MAX_CALLS = 4096;

  private final Map<BoundCall, Future<Page>> firstPages = new LinkedHashMap<>(16, 0.75f, false) {
    @Override protected boolean removeEldestEntry(Map.Entry<BoundCall, Future<Page>> eldest) {
      return size() > MAX_CALLS;
    }
  };

  /** The statement's cancel flag, which {@code Statement.cancel()} raises; null outside a statement. */
  private final @Nullable AtomicBoolean cancelFlag;

  private QueryCalls(@Nullable AtomicBoolean cancelFlag) {
    this.cancelFlag = cancelFlag;
  }

  /** The calls of the query execution {@code root} belongs to. */
  static QueryCalls of(DataContext root) {
    return BY_EXECUTION.computeIfAbsent(root, r -> new QueryCalls(DataContext.Variable.CANCEL_FLAG.get(r)));
  }

  @Override public boolean isCancelled() {
    final AtomicBoolean flag = cancelFlag;
    return flag != null && flag.get();
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
