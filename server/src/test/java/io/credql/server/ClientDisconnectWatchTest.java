package io.credql.server;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch for clients that go away, on one kept-alive connection: request after request is
 * watched and answered in quick succession (as 50 clients of the load test did, 14 of whose 1,000
 * queries failed with {@code CancelledKeyException}), and a client that hangs up is still noticed.
 */
class ClientDisconnectWatchTest {

  @Test void requestAfterRequestOnOneConnectionIsWatchedAndAHangUpIsStillNoticed() throws Exception {
    try (ClientDisconnectWatch watch = new ClientDisconnectWatch();
         ServerSocketChannel listening = ServerSocketChannel.open()
             .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
         SocketChannel client = SocketChannel.open(listening.getLocalAddress());
         SocketChannel served = listening.accept()) {
      served.configureBlocking(false);
      final AtomicInteger early = new AtomicInteger();
      for (int request = 0; request < 2_000; request++) {
        // each answered at once: its key is cancelled just before the next request registers
        watch.whileServing(served, early::incrementAndGet).close();
      }
      assertEquals(0, early.get(), "no client went away");
      final CountDownLatch gone = new CountDownLatch(1);
      try (ClientDisconnectWatch.Watch last = watch.whileServing(served, gone::countDown)) {
        client.close();
        assertTrue(gone.await(10, TimeUnit.SECONDS), "the hang-up was noticed");
      }
    }
  }
}
