package io.credql.call;

import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Sends a GET or HEAD that carries a request body, as a document may say to (Datadog's historical
 * signals search, PagerDuty's raw incident responses) and as StackQL sends it, through the JDK's
 * HTTP client: OkHttp refuses to build such a request, and its maintainers decline to (square/okhttp
 * #3154). It is the last interceptor of the chain, after auth has added its headers, so the
 * concurrency limit, retry policy, same-origin redirects, redaction and audit around the chain
 * apply as to any call; it follows no redirect, and a cancelled or timed-out call stops it.
 */
final class BodiedGetInterceptor implements Interceptor {
  static final BodiedGetInterceptor INSTANCE = new BodiedGetInterceptor();
  /** The headers the JDK's client sets itself and refuses from a caller. */
  private static final Set<String> CLIENT_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
  /** How often a call in flight looks whether its statement was cancelled or its deadline passed. */
  private static final long CANCEL_CHECK_MILLIS = 20;

  private BodiedGetInterceptor() {
  }

  /** The body of a GET or HEAD, carried on its OkHttp request as a tag. */
  record Body(byte[] bytes, String contentType) {
    Body {
      requireNonNull(bytes, "bytes");
      requireNonNull(contentType, "contentType");
    }
  }

  /** The JDK client, made on first use: most connections never send a GET with a body. */
  private static final class Jdk {
    static final HttpClient CLIENT = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override public Response intercept(Chain chain) throws IOException {
    final Request request = chain.request();
    final Body body = request.tag(Body.class);
    if (body == null) {
      return chain.proceed(request);
    }
    final HttpRequest.Builder sent = HttpRequest.newBuilder(request.url().uri())
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    for (String name : request.headers().names()) {
      if (!CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        request.headers(name).forEach(value -> sent.header(name, value));
      }
    }
    if (request.header("Content-Type") == null) {
      sent.header("Content-Type", body.contentType());
    }
    final long deadline = chain.call().timeout().timeoutNanos();
    if (deadline > 0) {
      sent.timeout(Duration.ofNanos(deadline));
    }
    final HttpResponse<InputStream> response =
        await(Jdk.CLIENT.sendAsync(sent.build(), HttpResponse.BodyHandlers.ofInputStream()), chain.call());
    final Headers.Builder headers = new Headers.Builder();
    response.headers().map().forEach((name, values) -> {
      if (!name.startsWith(":")) {
        values.forEach(value -> headers.addUnsafeNonAscii(name, value));
      }
    });
    final String type = response.headers().firstValue("Content-Type").orElse(null);
    return new Response.Builder()
        .request(request)
        .protocol(response.version() == HttpClient.Version.HTTP_2 ? Protocol.HTTP_2 : Protocol.HTTP_1_1)
        .code(response.statusCode())
        .message("")
        .headers(headers.build())
        .body(ResponseBody.create(Okio.buffer(Okio.source(response.body())),
            type == null ? null : MediaType.parse(type),
            response.headers().firstValueAsLong("Content-Length").orElse(-1)))
        .build();
  }

  /** The response, once its headers are in; stops the exchange when {@code call} is cancelled. */
  private static HttpResponse<InputStream> await(CompletableFuture<HttpResponse<InputStream>> exchange, Call call)
      throws IOException {
    try {
      while (true) {
        try {
          return exchange.get(CANCEL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (call.isCanceled()) {
            exchange.cancel(true);
            throw new IOException("Canceled");
          }
        }
      }
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failure) {
        throw failure;
      }
      throw new IOException(e.getCause());
    }
  }
}
