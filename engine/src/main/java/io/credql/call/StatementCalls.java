package io.credql.call;

import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP calls in flight that a statement sent, found through the session's dispatcher by the
 * thread each request is tagged with and by the query it was made for, so that cancelling the
 * statement (the shell's Ctrl-C, {@code Statement.cancel()}) ends the wait for their answers at once
 * instead of at the call's deadline: those of the statement's own thread, and those a SELECT's
 * fan-out makes on the session's call threads.
 */
public final class StatementCalls {
  /**
   * Refuses a read whose query was cancelled, or whose thread was interrupted (its connection is
   * closing), before it is sent. It runs once the call is among the dispatcher's running calls, so a
   * cancel either finds the call there or has already raised the flag this checks: none slips past.
   */
  static final Interceptor REFUSING_CANCELLED_READS = new Interceptor() {
    @Override public Response intercept(Chain chain) throws IOException {
      final SendingThread sender = chain.request().tag(SendingThread.class);
      if (sender != null && sender.read && (sender.cancelled() || Thread.currentThread().isInterrupted())) {
        throw new IOException("Canceled");
      }
      return chain.proceed(chain.request());
    }
  };

  private StatementCalls() {
  }

  /** A query whose calls may run on threads other than its statement's (a SELECT's fan-out). */
  public interface Query {
    /** Whether the query's statement was cancelled: its calls are stopped and no further one is sent. */
    boolean isCancelled();
  }

  /** The tag naming the thread that sent a request and its query, and whether its statement cancelled it. */
  private static final class SendingThread {
    final Thread thread = Thread.currentThread();
    final @Nullable Query query;
    final boolean read;
    volatile boolean cancelled;

    SendingThread(@Nullable Query query, boolean read) {
      this.query = query;
      this.read = read;
    }

    boolean cancelled() {
      return cancelled || query != null && query.isCancelled();
    }
  }

  /** {@code builder}'s request, tagged as sent by the current thread for {@code query} (any object). */
  static Request.Builder sentByThisThread(Request.Builder builder, Object query, boolean read) {
    return builder.tag(SendingThread.class, new SendingThread(query instanceof Query q ? q : null, read));
  }

  /** Whether {@code query} (any object standing for a query) is one whose statement was cancelled. */
  static boolean isCancelled(Object query) {
    return query instanceof Query q && q.isCancelled();
  }

  /**
   * Whether {@code call} was cancelled by its statement ({@link #cancel}, or its query's flag), or
   * refused as its connection closed; OkHttp cancels a call at its deadline too.
   */
  static boolean cancelledByItsStatement(Call call) {
    final SendingThread sender = call.request().tag(SendingThread.class);
    return sender != null && (sender.cancelled() || sender.read && Thread.currentThread().isInterrupted());
  }

  /**
   * Cancels the calls in flight through {@code client}'s dispatcher (shared by every provider of a
   * connection) that {@code threads} sent, or that were made for a query whose statement was
   * cancelled; each fails at once, a change with its outcome unknown.
   *
   * @return how many were cancelled
   */
  public static int cancel(OkHttpClient client, Collection<Thread> threads) {
    requireNonNull(client, "client");
    requireNonNull(threads, "threads");
    return cancelWhere(client, sender -> threads.contains(sender.thread) || sender.cancelled());
  }

  /**
   * Cancels every read in flight through {@code client}'s dispatcher, as its connection closes
   * (a server's client went away): nobody will read their answers. A change is left to finish,
   * so that what it did is known and audited.
   *
   * @return how many were cancelled
   */
  public static int cancelReads(OkHttpClient client) {
    requireNonNull(client, "client");
    return cancelWhere(client, sender -> sender.read);
  }

  /** Cancels the calls in flight through {@code client}'s dispatcher whose tag {@code which} picks. */
  private static int cancelWhere(OkHttpClient client, Predicate<SendingThread> which) {
    int cancelled = 0;
    for (Call call : client.dispatcher().runningCalls()) {
      final SendingThread sender = call.request().tag(SendingThread.class);
      if (sender != null && which.test(sender)) {
        sender.cancelled = true;
        call.cancel();
        cancelled++;
      }
    }
    return cancelled;
  }
}
