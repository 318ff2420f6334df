package io.credql.server;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import static java.util.Objects.requireNonNull;

/**
 * Notices a client that goes away while the server works on its request. Avatica's protocol is
 * one request, then its answer: a client that waits for an answer sends nothing, so its
 * connection becoming readable (a FIN, a TLS close, or bytes the protocol does not allow) means
 * the client is gone. The connection's socket is watched by a selector of its own beside Jetty's,
 * which reads nothing from it.
 */
final class ClientDisconnectWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientDisconnectWatch.class);

  private final Selector selector;
  private final Thread thread;

  ClientDisconnectWatch() {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::watch, "credql-client-disconnects");
    thread.setDaemon(true);
    thread.start();
  }

  /** A watch of one request's connection; closing it ends the watch (the request is answered). */
  interface Watch extends AutoCloseable {
    @Override void close();
  }

  /**
   * Runs {@code whenGone} (once, on the watcher's thread) if the client of the request this thread
   * serves goes away before the returned watch is closed.
   */
  Watch whileServing(Runnable whenGone) {
    requireNonNull(whenGone, "whenGone");
    final SocketChannel channel = currentChannel();
    return channel == null ? () -> { } : whileServing(channel, whenGone);
  }

  /** Like {@link #whileServing(Runnable)}, for the connection {@code channel}. */
  Watch whileServing(SocketChannel channel, Runnable whenGone) {
    final Served served = new Served(whenGone);
    try {
      served.key = register(channel, served);
    } catch (ClosedChannelException e) {
      served.gone();
    }
    selector.wakeup();
    return served;
  }

  /**
   * Registers {@code channel} for {@code served}. The previous request on a kept-alive connection
   * cancelled its key as it was answered, and the selector lets go of a cancelled key only at its
   * next select: until then registering again fails, so the selector is woken and asked again.
   * A request that still cannot be registered is served unwatched rather than refused.
   */
  private @Nullable SelectionKey register(SocketChannel channel, Served served) throws ClosedChannelException {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      try {
        return channel.register(selector, SelectionKey.OP_READ, served);
      } catch (CancelledKeyException e) {
        selector.wakeup();
        Thread.yield();
      }
    }
    LOG.debug("a request is served without watching for its client going away: its connection stayed busy");
    return null;
  }

  /** One request being served: its client's going away counts only until it is answered. */
  private final class Served implements Watch {
    private final Runnable whenGone;
    private @Nullable SelectionKey key;
    private boolean over;

    Served(Runnable whenGone) {
      this.whenGone = whenGone;
    }

    synchronized void gone() {
      if (!over) {
        over = true;
        LOG.info("a client went away while its request was being served; its query is stopped");
        whenGone.run();
      }
    }

    @Override public synchronized void close() {
      over = true;
      if (key != null) {
        key.cancel();
        // the selector lets go of a cancelled key at its next select: the socket closes only then
        selector.wakeup();
      }
    }
  }

  /** The socket of the HTTP connection whose request this thread serves, under any TLS. */
  private static @Nullable SocketChannel currentChannel() {
    final HttpConnection connection = HttpConnection.getCurrentConnection();
    Object transport = connection == null ? null : connection.getEndPoint();
    while (transport instanceof EndPoint) {
      transport = ((EndPoint) transport).getTransport();
    }
    return transport instanceof SocketChannel ? (SocketChannel) transport : null;
  }

  private void watch() {
    while (selector.isOpen()) {
      try {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          key.cancel();
          ((Served) key.attachment()).gone();
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        if (selector.isOpen()) {
          LOG.warn("watching for clients that go away failed", e);
        }
      }
    }
  }

  @Override public void close() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing the selector failed", e);
    }
  }
}
