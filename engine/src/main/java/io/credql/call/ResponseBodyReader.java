package io.credql.call;

import io.credql.error.ProviderResponseException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Reads a response body once, whole, within the call's deadline, into a {@link ResponseContent}
 * that its decoder walks as rows are asked for (no tree of the whole body is built). Reading stops
 * at a size limit; a body over the limit is a final answer, not a transient failure to retry.
 * I/O failures (a dropped connection, the call's deadline) are thrown for the caller to retry; a
 * successful answer whose body ends early is a {@link ResponseCutShortException}.
 */
final class ResponseBodyReader {
  /**
   * The most of a successful body credql reads (after gzip is undone): 256 MiB, or a quarter of the
   * heap when that is less, so that an endless body meets the limit before the heap's end.
   */
  static final long DEFAULT_LIMIT = Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);
  /** Enough of an error body for its message; the rest is not read. */
  private static final long ERROR_BODY_LIMIT = 1024L * 1024;

  private final long limit;

  ResponseBodyReader(long limit) {
    this.limit = limit;
  }

  HttpExchange read(PreparedRequest request, Response response) throws IOException {
    final ResponseBody body = response.body();
    final int status = response.code();
    if (body == null) {
      return HttpExchange.bytes(request, response, new byte[0]);
    }
    final Buffer buffer = new Buffer();
    final BufferedSource source = body.source();
    try {
      if (status < 200 || status >= 300) {
        // enough of an error body for its message; the rest is not read
        while (buffer.size() < ERROR_BODY_LIMIT
            && source.read(buffer, Math.min(64 * 1024, ERROR_BODY_LIMIT - buffer.size())) != -1) {
          // reading up to the limit
        }
        return HttpExchange.bytes(request, response, buffer.readByteArray());
      }
      while (source.read(buffer, 64 * 1024) != -1) {
        if (buffer.size() > limit) {
          return HttpExchange.unreadable(request, response, tooLarge(request, status, "larger than "
              + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MiB" : limit + " bytes") + " once decompressed"));
        }
      }
    } catch (OutOfMemoryError e) {
      // several large bodies at once (a fan-out) may fill a small heap before each meets the limit:
      // this body is dropped, which frees what it took, and the query ends with a clear message
      buffer.clear();
      return HttpExchange.unreadable(request, response, tooLarge(request, status,
          "too large for the memory credql has left (its Java heap, -Xmx)"));
    } catch (InterruptedIOException e) {
      throw e; // the call's deadline or an interrupt: reported as such, not as a short answer
    } catch (IOException e) {
      // a Content-Length that lies, or a connection dropped mid-body: the provider did answer
      throw new ResponseCutShortException(status, buffer.size(), body.contentLength(), e);
    }
    return HttpExchange.read(request, response, ResponseContent.of(buffer));
  }

  /** The error of a body {@code what} ("larger than 256 MiB once decompressed"). */
  private static ProviderResponseException tooLarge(PreparedRequest request, int status, String what) {
    return new ProviderResponseException(request.call().method().id() + ": the provider's response (HTTP "
        + status + ") is " + what + "; credql stopped reading it and returns no rows. Narrow the query"
        + " (a WHERE on a parameter of the resource) so the provider answers with less");
  }
}
