package io.credql.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of the server: a client connects through it, and the test hangs
 * the client up, at the moment it chooses, by closing the relay.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket listening;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TcpRelay(int target) throws IOException {
    this.target = target;
    this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final Thread accepting = new Thread(this::accept, "tcp-relay");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** A relay to {@code port} on loopback. */
  static TcpRelay to(int port) throws IOException {
    return new TcpRelay(port);
  }

  int port() {
    return listening.getLocalPort();
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        final Socket client = listening.accept();
        final Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(server);
        pipe(client, server);
        pipe(server, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    final Thread thread = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException closed) {
        // one side hung up: the relay's work for this pair is over
      }
    }, "tcp-relay-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hangs up every connection through the relay, and takes no more. */
  @Override public void close() throws IOException {
    listening.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
