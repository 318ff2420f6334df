package io.credql.call;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.util.Collection;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP calls in flight that the threads running a statement sent, found through the session's
 * dispatcher by the thread each request is tagged with, so that cancelling the statement (the
 * shell's Ctrl-C) ends the wait for their answers at once instead of at the call's deadline.
 */
public final class StatementCalls {
  private StatementCalls() {
  }

  /** The tag naming the thread that sent a request, and whether its statement cancelled it. */
  private static final class SendingThread {
    final Thread thread = Thread.currentThread();
    volatile boolean cancelled;
  }

  /** {@code builder}'s request, tagged as sent by the current thread. */
  static Request.Builder sentByThisThread(Request.Builder builder) {
    return builder.tag(SendingThread.class, new SendingThread());
  }

  /** Whether {@code call} was cancelled by {@link #cancel} (OkHttp cancels a call at its deadline too). */
  static boolean cancelledByItsStatement(Call call) {
    final SendingThread sender = call.request().tag(SendingThread.class);
    return sender != null && sender.cancelled;
  }

  /**
   * Cancels the calls in flight through {@code client}'s dispatcher (shared by every provider of a
   * connection) that {@code threads} sent; each fails at once, a change with its outcome unknown.
   *
   * @return how many were cancelled
   */
  public static int cancel(OkHttpClient client, Collection<Thread> threads) {
    requireNonNull(client, "client");
    requireNonNull(threads, "threads");
    int cancelled = 0;
    for (Call call : client.dispatcher().runningCalls()) {
      final SendingThread sender = call.request().tag(SendingThread.class);
      if (sender != null && threads.contains(sender.thread)) {
        sender.cancelled = true;
        call.cancel();
        cancelled++;
      }
    }
    return cancelled;
  }
}
