package io.credql.rows;

import io.credql.call.CallProgress;
import io.credql.call.Page;
import io.credql.call.PreparedRequest;
import io.credql.call.ProviderClient;
import io.credql.error.CredqlException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The further pages of one listing, fetched one after another by a reader of their own while the
 * scan's consumer reads the pages before, at most {@link #MAX_PAGES_AHEAD} of them unread: the
 * outer listing of a lookup join keeps coming while the join waits for a batch's calls, instead of
 * one page per batch. Each page is asked for once, in order, as its request comes with the page
 * before.
 */
final class PagesAhead implements AutoCloseable {
  /** Pages fetched and not yet read, at most: a listing's memory stays a few page bodies. */
  static final int MAX_PAGES_AHEAD = 4;

  /** Pages fetched or being fetched and not yet read: the reader asks for one only with a place free. */
  private final Semaphore places = new Semaphore(MAX_PAGES_AHEAD);
  /** A page, or what its fetch threw. */
  private final BlockingQueue<Object> fetched = new LinkedBlockingQueue<>();
  private final Future<?> reader;
  private volatile boolean closed;

  PagesAhead(ProviderClient client, ExecutorService executor, PreparedRequest first, QueryCalls queryCalls,
      CallProgress progress) {
    requireNonNull(client, "client");
    requireNonNull(first, "first");
    requireNonNull(queryCalls, "queryCalls");
    requireNonNull(progress, "progress");
    this.reader = executor.submit(() -> read(client, first, queryCalls, progress));
  }

  private void read(ProviderClient client, PreparedRequest first, QueryCalls queryCalls, CallProgress progress) {
    PreparedRequest request = first;
    try {
      while (request != null) {
        places.acquire();
        if (closed) {
          return;
        }
        progress.planned(1);
        Object outcome;
        try {
          final Page page = client.fetch(request, queryCalls);
          request = page.next();
          outcome = page;
        } catch (CredqlException | RuntimeException e) {
          request = null;
          outcome = e;
        } finally {
          progress.done();
        }
        fetched.add(outcome);
      }
    } catch (InterruptedException e) {
      // the session is closing: nobody reads these pages any more
      Thread.currentThread().interrupt();
    }
  }

  /** The next page, waiting for it if it has not arrived; the caller knows there is one. */
  Page next() throws CredqlException {
    try {
      while (true) {
        final Object outcome = fetched.poll(100, TimeUnit.MILLISECONDS);
        if (outcome != null) {
          places.release();
        }
        if (outcome instanceof Page) {
          return (Page) outcome;
        }
        if (outcome instanceof CredqlException) {
          throw (CredqlException) outcome;
        }
        if (outcome instanceof RuntimeException) {
          throw (RuntimeException) outcome;
        }
        if (reader.isDone() && fetched.isEmpty()) {
          throw new IllegalStateException("the listing's pages stopped coming: its connection was closed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a provider", e);
    }
  }

  /** Stops asking for pages; a page being fetched is still read to its end, and dropped. */
  @Override public void close() {
    closed = true;
    fetched.clear();
    places.release(MAX_PAGES_AHEAD);
  }
}
