package io.credql.rows;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.call.Page;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.call.CallProgress;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Streams the rows of several calls in call order while up to {@code window} of them are in
 * flight. The first page of each call is fetched ahead; once the consumer has read
 * {@link #READ_AHEAD_AFTER} rows of a listing (or all of a smaller page), its further pages are
 * fetched ahead too, up to {@link PagesAhead#MAX_PAGES_AHEAD} of them, unless the query's LIMIT is
 * known here, so LIMIT stops paging, and closing the enumerator stops the fan-out.
 */
final class CallStreamEnumerator implements Enumerator<Object[]> {
  /**
   * Rows of a listing's first page read before its further pages are asked for: a lookup join reads
   * its outer listing in batches and then waits for the batch's calls, and the next pages arrive
   * during that wait rather than after it (never for a scan with a LIMIT).
   */
  static final int READ_AHEAD_AFTER = 16;
  private final ProviderClient client;
  private final ExecutorService executor;
  private final int window;
  private final RowMaker rowMaker;
  private final List<ResourceScanner.Combination> combinations;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private int nextToStart;
  private Iterator<JsonNode> rows = Collections.emptyIterator();
  private Map<String, Object> echoes = Map.of();
  private @Nullable PreparedRequest nextPage;
  /** The current listing's further pages, asked for ahead of the consumer; null until then. */
  private @Nullable PagesAhead pagesAhead;
  /** Rows read of the current page (counted up to {@link #READ_AHEAD_AFTER}). */
  private int readOfPage;
  private final long fetch;
  private final QueryCalls queryCalls;
  private final CallProgress progress;
  /** onCallError=null: a provider's error for one call is a row, not the query's end. */
  private final boolean callErrorsAsRows;
  /** Calls this scan planned and has not finished: given up when it closes. */
  private int unfinished;
  private long emitted;
  private Object @Nullable [] current;
  private volatile boolean closed;

  /** A call whose first page is being fetched. */
  private static final class Pending {
    final ResourceScanner.Combination combination;
    final Future<Page> firstPage;

    Pending(ResourceScanner.Combination combination, Future<Page> firstPage) {
      this.combination = combination;
      this.firstPage = firstPage;
    }
  }

  CallStreamEnumerator(ProviderClient client, ExecutorService executor, int window,
      RowMaker rowMaker, List<ResourceScanner.Combination> combinations, long fetch,
      QueryCalls queryCalls, CallProgress progress, boolean callErrorsAsRows) {
    this.callErrorsAsRows = callErrorsAsRows;
    this.queryCalls = queryCalls;
    this.progress = progress;
    this.client = client;
    this.executor = executor;
    this.window = Math.max(1, window);
    this.rowMaker = rowMaker;
    this.combinations = combinations;
    this.fetch = fetch;
    this.unfinished = combinations.size();
    progress.planned(unfinished);
  }

  @Override public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException("current() before moveNext()");
    }
    return current;
  }

  @Override public boolean moveNext() {
    if (fetch >= 0 && emitted >= fetch) {
      close();
      return false;
    }
    try {
      while (true) {
        if (rows.hasNext()) {
          final Object[] row = rowMaker.row(rows.next(), echoes);
          if (++readOfPage == READ_AHEAD_AFTER) {
            readAhead();
          }
          if (!rowMaker.answersCall(row, echoes)) {
            continue;
          }
          current = row;
          emitted++;
          return true;
        }
        if (nextPage != null) {
          final Page page = nextPage();
          rows = page.rowsAsRead();
          nextPage = page.next();
          readOfPage = 0;
          continue;
        }
        startCalls();
        final Pending head = pending.poll();
        if (head == null) {
          return false;
        }
        final Page page;
        try {
          page = await(head);
        } catch (ProviderErrorException e) {
          if (!callErrorsAsRows) {
            throw e;
          }
          finished();
          startCalls();
          current = rowMaker.errorRow(head.combination.echoes, e);
          emitted++;
          return true;
        }
        finished();
        startCalls();
        rows = page.rowsAsRead();
        nextPage = page.next();
        readOfPage = 0;
        echoes = head.combination.echoes;
      }
    } catch (CredqlException e) {
      close();
      throw e.unchecked();
    }
  }

  /** Asks for the further pages now, while the consumer reads the current one (not with a LIMIT). */
  private void readAhead() {
    final PreparedRequest request = nextPage;
    if (request == null || pagesAhead != null || fetch >= 0 || closed) {
      return;
    }
    pagesAhead = new PagesAhead(client, executor, request, queryCalls, progress);
  }

  /** The next page: one asked for ahead, or, with a LIMIT, asked for now. */
  private Page nextPage() throws CredqlException {
    readAhead();
    final PagesAhead ahead = pagesAhead;
    if (ahead != null) {
      final Page page = ahead.next();
      if (page.next() == null) {
        ahead.close();
        pagesAhead = null;
      }
      return page;
    }
    final PreparedRequest request = requireNonNull(nextPage, "nextPage");
    unfinished++;
    progress.planned(1);
    final Page page = client.fetch(request, queryCalls);
    finished();
    return page;
  }

  /** The credql error of a call that ended with {@code e}; anything else it threw is thrown again here. */
  private static CredqlException failure(ExecutionException e) {
    final CredqlException credql = CredqlException.find(e.getCause());
    if (credql != null) {
      return credql;
    }
    if (e.getCause() instanceof RuntimeException) {
      throw (RuntimeException) e.getCause();
    }
    throw new IllegalStateException(e.getCause());
  }

  private void finished() {
    unfinished--;
    progress.done();
  }

  /** Whether every call of the scan has been started (some may still be in flight). */
  boolean allCallsStarted() {
    return closed || nextToStart == combinations.size();
  }

  /** Starts calls until {@code window} of them are in flight: the first ones before the first row is read. */
  void startCalls() {
    while (!closed && pending.size() < window && nextToStart < combinations.size()) {
      final ResourceScanner.Combination combination = combinations.get(nextToStart++);
      pending.add(new Pending(combination, queryCalls.firstPage(combination.call,
          () -> executor.submit(() -> {
            if (closed) {
              throw new CancellationException("scan closed");
            }
            return client.fetch(combination.request(), queryCalls);
          }))));
    }
  }

  /** The first page of a pending call; made here if another scan of the query gave it up. */
  private Page await(Pending pending) throws CredqlException {
    try {
      return pending.firstPage.get();
    } catch (CancellationException e) {
      return client.fetch(pending.combination.request(), queryCalls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a provider", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancellationException) {
        return client.fetch(pending.combination.request(), queryCalls);
      }
      throw failure(e);
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("a resource scan cannot be restarted");
  }

  @Override public void close() {
    closed = true;
    for (Pending p : pending) {
      p.firstPage.cancel(false);
    }
    pending.clear();
    final PagesAhead ahead = pagesAhead;
    if (ahead != null) {
      ahead.close();
      pagesAhead = null;
    }
    if (unfinished > 0) {
      progress.givenUp(unfinished);
      unfinished = 0;
    }
  }
}
