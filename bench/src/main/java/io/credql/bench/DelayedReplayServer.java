package io.credql.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * A fair stand-in for a provider at scale: answers each GET {@code latencyMillis} after it arrived
 * with the body the simulator gave for the same path and query, from a scheduler rather than a
 * thread per waiting request, so hundreds of concurrent delayed answers cost the fake almost no CPU
 * on a 2-core machine and the benchmark measures the client. A path met for the first time is asked
 * of the simulator (once; a warm-up run fills the recording).
 */
final class DelayedReplayServer implements AutoCloseable {
  /** The names the threads of this server start with (the JDK server's own and this class's). */
  static final String[] THREAD_NAMES = {"HTTP-Dispatcher", "replay-"};
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService answers;
  private final OkHttpClient origin;
  private final String originUrl;
  private final String authorization;
  private final long latencyMillis;
  private final Map<String, byte[]> recorded = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  /**
   * @param originUrl the simulator's base URL (with its path prefix, such as {@code /v4})
   * @param token the bearer token a request must carry, exactly
   */
  DelayedReplayServer(String originUrl, String token, long latencyMillis) throws IOException {
    // the JDK server's default Nagle + delayed ACK would add 40 ms to some answers
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.originUrl = requireNonNull(originUrl, "originUrl").replaceAll("/+$", "");
    this.authorization = "Bearer " + requireNonNull(token, "token");
    this.latencyMillis = latencyMillis;
    this.origin = new OkHttpClient();
    this.handlers = Executors.newFixedThreadPool(2, daemon("replay-handler"));
    this.answers = Executors.newSingleThreadScheduledExecutor(daemon("replay-answer"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(handlers);
    final String prefix = URI.create(this.originUrl).getPath();
    server.createContext(prefix.isEmpty() ? "/" : prefix, this::handle);
    server.start();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      final Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Where requests go: the simulator's base URL with this server's port. */
  String baseUrl() {
    final String path = URI.create(originUrl).getPath();
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int requestCount() {
    return requests.get();
  }

  /** The most requests this server held at once (waiting for their delayed answer) since it was last forgotten. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  /** Starts counting {@link #mostInFlight()} again from the requests held now (a warm-up's are not a run's). */
  void forgetMostInFlight() {
    mostInFlight.set(inFlight.get());
  }

  private void handle(HttpExchange exchange) throws IOException {
    final long arrived = System.nanoTime();
    requests.incrementAndGet();
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    exchange.getRequestBody().close();
    final String auth = exchange.getRequestHeaders().getFirst("Authorization");
    final int status;
    final byte[] body;
    if (!"GET".equals(exchange.getRequestMethod()) || !authorization.equals(auth)) {
      status = "GET".equals(exchange.getRequestMethod()) ? 401 : 405;
      body = "{\"errors\": [{\"reason\": \"the replay answers authorized GETs only\"}]}".getBytes(
          StandardCharsets.UTF_8);
    } else {
      status = 200;
      body = recorded(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
    }
    final long wait = latencyMillis * 1_000_000 - (System.nanoTime() - arrived);
    answers.schedule(() -> answer(exchange, status, body), Math.max(0, wait), TimeUnit.NANOSECONDS);
  }

  private byte[] recorded(String path, String query) throws IOException {
    final String key = query == null ? path : path + "?" + query;
    final byte[] known = recorded.get(key);
    if (known != null) {
      return known;
    }
    final String prefix = URI.create(originUrl).getPath();
    final Request request = new Request.Builder().url(originUrl + key.substring(prefix.length()))
        .header("Authorization", authorization).build();
    try (Response response = origin.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("the simulator answered HTTP " + response.code() + " to " + key);
      }
      final byte[] body = response.body().bytes();
      recorded.put(key, body);
      return body;
    }
  }

  private void answer(HttpExchange exchange, int status, byte[] body) {
    inFlight.decrementAndGet();
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      out.write(body);
    } catch (IOException e) {
      // the client went away; nothing to answer
      exchange.close();
    }
  }

  @Override public void close() {
    server.stop(0);
    answers.shutdownNow();
    handlers.shutdownNow();
    origin.dispatcher().executorService().shutdown();
    origin.connectionPool().evictAll();
  }
}
