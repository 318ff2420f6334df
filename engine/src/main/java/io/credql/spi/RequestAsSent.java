package io.credql.spi;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.internal.Util;
import okio.Buffer;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * A request as OkHttp will put it on the wire, for auth schemes that sign it: the {@code Host}
 * and {@code Content-Type} headers OkHttp adds after the auth interceptor are set now, with
 * OkHttp's own values, so that they are signed as sent; the body is read into bytes once.
 */
public final class RequestAsSent {
  private final Request request;
  private final byte[] body;

  private RequestAsSent(Request request, byte[] body) {
    this.request = requireNonNull(request, "request");
    this.body = requireNonNull(body, "body");
  }

  /** {@code request} with the headers OkHttp will add, and its body's bytes. */
  public static RequestAsSent of(Request request) throws IOException {
    final Request.Builder sent = request.newBuilder().header("Host", Util.toHostHeader(request.url(), false));
    final RequestBody requestBody = request.body();
    byte[] body = new byte[0];
    if (requestBody != null) {
      final Buffer buffer = new Buffer();
      requestBody.writeTo(buffer);
      body = buffer.readByteArray();
      final MediaType contentType = requestBody.contentType();
      if (contentType != null) {
        sent.header("Content-Type", contentType.toString());
      }
    }
    return new RequestAsSent(sent.build(), body);
  }

  /** The request with {@code Host} (and {@code Content-Type} when it has a body) set. */
  public Request request() {
    return request;
  }

  /** The body's bytes (empty when there is none). */
  public byte[] body() {
    return body.clone();
  }
}
