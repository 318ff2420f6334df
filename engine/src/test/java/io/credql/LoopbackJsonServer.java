package io.credql;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * A provider's API played by a JDK HTTP server on a free loopback port: each route (a path prefix,
 * the longest one matching) gives the answer to a request, and every request is kept in a log.
 *
 * <p>Requests are answered on threads of their own, so a route may hold its answer back (to leave a
 * call in flight) without holding up the others. For tests only: engine, server and driver tests
 * share it through the engine's test jar.
 */
public final class LoopbackJsonServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();

  private LoopbackJsonServer(Map<String, Route> routes) {
    try {
      // a backlog for a fan-out's burst of connections (the default, 50, drops the rest for a second)
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    routes.forEach((prefix, route) -> server.createContext(prefix, exchange -> answer(exchange, route)));
    server.start();
  }

  /** A server with one route, {@code /}, that gives every request its answer. */
  public static LoopbackJsonServer answering(Route route) {
    return routes().route("/", route).start();
  }

  /** The routes of a server still to start. */
  public static Routes routes() {
    return new Routes();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path} ({@code "/v1"}, or empty). */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The requests received so far, oldest first. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Each request received so far as {@link Request#target()}, oldest first. */
  public List<String> targets() {
    return requests().stream().map(Request::target).toList();
  }

  /** Empties the request log, for a test that counts only its own requests. */
  public void forget() {
    synchronized (requests) {
      requests.clear();
    }
  }

  @Override public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange, Route route) throws IOException {
    try (exchange) {
      final Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      synchronized (requests) {
        requests.add(request);
      }
      final Answer answer;
      try {
        answer = route.answer(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (answer.status == Answer.NONE) {
        return;
      }
      if (answer.contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType);
      }
      exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
      if (answer.body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body);
        }
      }
    }
  }

  /** What a route answers a request with; it may block, to keep a call in flight. */
  @FunctionalInterface
  public interface Route {
    /** The answer to {@code request}. */
    Answer answer(Request request) throws IOException, InterruptedException;
  }

  /**
   * One request as the server received it.
   *
   * @param method the HTTP method
   * @param path the decoded path
   * @param rawPath the path as sent, still percent-encoded
   * @param rawQuery the query as sent, or null without one
   * @param authorization the {@code Authorization} header, or null without one
   * @param body the body as UTF-8 text, empty without one
   */
  public record Request(String method, String path, String rawPath, @Nullable String rawQuery,
      @Nullable String authorization, String body) {
    /** {@code "GET /v1/things?page=2"}: the method, the raw path and the raw query if any. */
    public String target() {
      return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
  }

  /** A status, a content type and a body for a route to answer with; or no answer at all. */
  public static final class Answer {
    private static final int NONE = -1;

    private final int status;
    private final @Nullable String contentType;
    private final byte[] body;

    private Answer(int status, @Nullable String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = requireNonNull(body, "body");
    }

    /** {@code json} with status 200. */
    public static Answer json(String json) {
      return json(200, json);
    }

    /** {@code json} with {@code status}. */
    public static Answer json(int status, String json) {
      return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code body} with {@code status} and {@code contentType}, or no Content-Type header if null. */
    public static Answer of(int status, @Nullable String contentType, byte[] body) {
      return new Answer(status, contentType, body);
    }

    /** {@code status} without a body. */
    public static Answer empty(int status) {
      return new Answer(status, null, new byte[0]);
    }

    /** The connection closed without an answer, as a provider that fails mid-call does. */
    public static Answer none() {
      return new Answer(NONE, null, new byte[0]);
    }
  }

  /** The routes of a server still to start, each a path prefix and what it answers. */
  public static final class Routes {
    private final Map<String, Route> routes = new LinkedHashMap<>();

    private Routes() {
    }

    /** Requests whose path starts with {@code prefix} (and no longer routed prefix) get {@code route}'s answer. */
    public Routes route(String prefix, Route route) {
      routes.put(requireNonNull(prefix, "prefix"), requireNonNull(route, "route"));
      return this;
    }

    /** Starts the server on a free loopback port. */
    public LoopbackJsonServer start() {
      return new LoopbackJsonServer(routes);
    }
  }
}
