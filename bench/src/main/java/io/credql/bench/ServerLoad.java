package io.credql.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.credql.sandbox.Sandbox;
import io.credql.server.CredqlServer;
import io.credql.server.ServerCommand;
import io.credql.server.ServerSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The team server under load: {@value #CLIENTS} clients, each on its own
 * {@code jdbc:credql:remote=} connection, run {@value #QUERIES} queries each against the sandbox
 * through one {@code credql serve} server whose budget is {@value #BUDGET} requests in flight per
 * provider. In front of the Linode simulator a counting relay records the most requests it ever
 * had in flight: the budget holds if that never passes {@value #BUDGET}. Prints a Markdown
 * section for docs/benchmarks.md. Run with {@code bench/run-server}.
 */
public final class ServerLoad {
  static final int CLIENTS = 50;
  static final int QUERIES = 20;
  static final int BUDGET = 4;

  private ServerLoad() {
  }

  public static void main(String[] args) throws Exception {
    final Path directory = Files.createTempDirectory("credql-server-load");
    final Path users = directory.resolve("users");
    final int added = ServerCommand.run(List.of("user", "add", "analyst", "--role", "reader", "--users", users.toString()),
        new ByteArrayInputStream("bench-password\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(System.err));
    if (added != 0) {
      throw new IllegalStateException("cannot write the users file");
    }
    final Sandbox sandbox = Sandbox.acquire();
    final CountingRelay relay = CountingRelay.start(URI.create(sandbox.baseUrls().get("linode")));
    final Properties connection = new Properties();
    connection.setProperty("sandbox", "true");
    connection.setProperty("baseUrl.linode", relay.url());
    connection.setProperty("concurrency", Integer.toString(BUDGET));
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    final AtomicLong peakHeap = new AtomicLong();
    final Thread heap = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    heap.setDaemon(true);
    try (CredqlServer server = CredqlServer.start(ServerSettings.of(users, connection))) {
      final Properties login = new Properties();
      login.setProperty("user", "analyst");
      login.setProperty("password", "bench-password");
      final String url = "jdbc:credql:remote=" + server.url();
      final long instanceId;
      try (Connection c = DriverManager.getConnection(url, login); Statement s = c.createStatement();
           ResultSet rows = s.executeQuery("SELECT id FROM linode.databases.postgresql_instances LIMIT 1")) {
        rows.next();
        instanceId = rows.getLong(1);
      }
      relay.reset();
      heap.start();
      final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      final AtomicInteger errors = new AtomicInteger();
      final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
      final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      final long started = System.nanoTime();
      final List<Future<?>> done = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        done.add(clients.submit(() -> {
          try (Connection c = DriverManager.getConnection(url, login);
               PreparedStatement list = c.prepareStatement(
                   "SELECT id, label, status FROM linode.databases.postgresql_instances LIMIT 5");
               PreparedStatement credentials = c.prepareStatement("SELECT username, password"
                   + " FROM linode.databases.postgresql_instances_credentials WHERE instanceId = ?")) {
            credentials.setLong(1, instanceId);
            for (int query = 0; query < QUERIES; query++) {
              final long begin = System.nanoTime();
              try (ResultSet rows = (query % 2 == 0 ? list : credentials).executeQuery()) {
                while (rows.next()) {
                  rows.getString(2);
                }
                latencies.add(System.nanoTime() - begin);
              } catch (Exception e) {
                errors.incrementAndGet();
                errorSamples.add(String.valueOf(e.getMessage()));
              }
            }
          } catch (Exception e) {
            errors.addAndGet(QUERIES);
            errorSamples.add(String.valueOf(e.getMessage()));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      final double seconds = (System.nanoTime() - started) / 1e9;
      clients.shutdown();
      heap.interrupt();
      Collections.sort(latencies);
      System.out.println("## Team server under load\n");
      System.out.println(CLIENTS + " clients, each on its own `jdbc:credql:remote=` connection (HTTP on loopback,"
          + " Basic login), prepare two statements and run " + QUERIES + " queries each (a paginated list"
          + " and a credentials read, in turn)"
          + " against the sandbox through one `credql serve` with `concurrency=" + BUDGET + "`. A relay in front"
          + " of the Linode simulator counts the requests in flight. Made by `bench/run-server`.\n");
      System.out.println("| measure | value |\n|---|---|");
      System.out.println("| queries | " + (CLIENTS * QUERIES) + " |");
      System.out.println("| errors | " + errors.get() + " |");
      System.out.printf("| p50 latency | %.0f ms |%n", percentile(latencies, 0.50));
      System.out.printf("| p99 latency | %.0f ms |%n", percentile(latencies, 0.99));
      System.out.printf("| throughput | %.0f queries/s |%n", CLIENTS * QUERIES / seconds);
      System.out.printf("| server heap, peak used (server, clients and simulators in one JVM) | %d MiB |%n",
          peakHeap.get() >> 20);
      System.out.println("| requests at the simulator | " + relay.requests() + " |");
      System.out.println("| most requests in flight at the simulator (budget " + BUDGET + ") | "
          + relay.peakInFlight() + " |");
      System.out.println("| HTTP 429 answers | " + relay.throttled() + " |");
      if (!errorSamples.isEmpty()) {
        System.out.println("\nfirst error: " + errorSamples.get(0));
      }
    } finally {
      relay.stop();
      Sandbox.release();
    }
    System.exit(0);
  }

  private static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    return sortedNanos.get(Math.min(sortedNanos.size() - 1, (int) Math.ceil(p * sortedNanos.size()) - 1)) / 1e6;
  }

  /** A loopback relay to a simulator that counts requests, 429s and the most requests in flight at once. */
  private static final class CountingRelay {
    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    private CountingRelay(HttpServer server, URI target) {
      this.server = server;
      this.target = target;
    }

    static CountingRelay start(URI target) throws IOException {
      final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      final CountingRelay relay = new CountingRelay(server, target);
      server.createContext("/", relay::relay);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return relay;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + target.getRawPath();
    }

    void reset() {
      peak.set(0);
      requests.set(0);
      throttled.set(0);
    }

    int peakInFlight() {
      return peak.get();
    }

    int requests() {
      return requests.get();
    }

    int throttled() {
      return throttled.get();
    }

    void stop() {
      server.stop(0);
    }

    private void relay(HttpExchange exchange) throws IOException {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      requests.incrementAndGet();
      try {
        final String path = exchange.getRequestURI().getRawPath().substring(target.getRawPath().length());
        final String query = exchange.getRequestURI().getRawQuery();
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.getScheme() + "://"
            + target.getRawAuthority() + target.getRawPath() + path + (query == null ? "" : "?" + query)))
            .method(exchange.getRequestMethod(),
                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        for (String header : List.of("Authorization", "Content-Type", "Accept")) {
          final String value = exchange.getRequestHeaders().getFirst(header);
          if (value != null) {
            request.header(header, value);
          }
        }
        final HttpResponse<byte[]> response;
        try {
          response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
          // the simulator has answered: the request is no longer in flight there
          inFlight.decrementAndGet();
        }
        if (response.statusCode() == 429) {
          throttled.incrementAndGet();
        }
        response.headers().map().forEach((name, values) -> {
          if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
              && !name.startsWith(":")) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
        final byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    }
  }
}
