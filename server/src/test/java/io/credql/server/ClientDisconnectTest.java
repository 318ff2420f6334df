package io.credql.server;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client gives up on a slow query and goes away: the server stops the query's calls (those in
 * flight end, no further one starts), stays up, and serves the next client with the budget free.
 */
class ClientDisconnectTest {
  /** How long the fake Linode takes to answer each call. */
  private static final int ANSWER_MILLIS = 200;
  private static final int CALLS = 20;

  @TempDir Path directory;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private HttpServer linode;
  private ExecutorService linodeThreads;

  @AfterEach void stopLinode() {
    linode.stop(0);
    linodeThreads.shutdownNow();
  }

  /** A slow Linode API answering every credentials call after {@link #ANSWER_MILLIS}, counting calls in flight. */
  private String slowLinode() throws Exception {
    linode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    linodeThreads = Executors.newCachedThreadPool();
    linode.setExecutor(linodeThreads);
    linode.createContext("/v4/databases/postgresql/instances/", exchange -> {
      calls.incrementAndGet();
      inFlight.incrementAndGet();
      try {
        Thread.sleep(ANSWER_MILLIS);
        final byte[] body = "{\"username\": \"linroot\", \"password\": \"s3cret\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    });
    linode.start();
    return "http://127.0.0.1:" + linode.getAddress().getPort() + "/v4";
  }

  @Test void aClientThatGoesAwayMidQueryHasItsCallsStoppedAndTheNextClientIsServed() throws Exception {
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    final Properties connection = new Properties();
    connection.setProperty("baseUrl.linode", slowLinode());
    connection.setProperty("concurrency", "2");
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    final String ids = IntStream.rangeClosed(1, CALLS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    final String query = "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId IN (";
    try (CredqlServer server = CredqlServer.start(ServerSettings.of(users, connection))) {
      final String login = ";serialization=PROTOBUF;authentication=BASIC;avatica_user=ann;avatica_password=ann-password";
      final ExecutorService client = Executors.newSingleThreadExecutor();
      try (TcpRelay relay = TcpRelay.to(server.port())) {
        final Connection leaving = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:"
            + relay.port() + login);
        final Future<?> running = client.submit(() -> leaving.createStatement().executeQuery(query + ids + ")"));
        final long started = System.nanoTime() + 30_000_000_000L;
        while (calls.get() < 2 && System.nanoTime() < started) {
          Thread.sleep(5);
        }
        assertTrue(calls.get() >= 2, "the query's calls began");
        relay.close(); // the client hangs up mid-query
        assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
      } finally {
        client.shutdownNow();
      }
      final long deadline = System.nanoTime() + 2_000_000_000L;
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, inFlight.get(), "the calls in flight ended");
      final int made = calls.get();
      Thread.sleep(ANSWER_MILLIS / 2);
      assertEquals(made, calls.get(), "no further call started");
      assertEquals(0, inFlight.get());
      assertTrue(made < CALLS / 2, made + " of " + CALLS + " calls were made for a client that went away");

      try (Connection next = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + login);
           Statement s = next.createStatement(); ResultSet rows = s.executeQuery(query + "1, 2)")) {
        assertTrue(rows.next());
        assertEquals("linroot", rows.getString(1));
        assertTrue(rows.next());
      }
    }
  }
}
