package io.credql.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.error.ProviderResponseException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a response body once, as it arrives: a successful JSON body is parsed straight from the
 * connection (no copy of the bytes is kept), any other body is read into memory. Either stops at
 * a size limit; a body over the limit is a final answer, not a transient failure to retry.
 * I/O failures (a dropped connection, the call's deadline) are thrown for the caller to retry.
 */
final class ResponseBodyReader {
  /** The most of a successful body credql reads (after gzip is undone). */
  static final long DEFAULT_LIMIT = 256L * 1024 * 1024;
  /** Enough of an error body for its message; the rest is not read. */
  private static final long ERROR_BODY_LIMIT = 1024L * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

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
    if (status < 200 || status >= 300) {
      return HttpExchange.bytes(request, response, prefix(body.source(), ERROR_BODY_LIMIT));
    }
    final String contentType = response.header("Content-Type");
    if (contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json")) {
      return parsed(request, response, body);
    }
    final Buffer buffer = new Buffer();
    final BufferedSource source = body.source();
    while (source.read(buffer, 64 * 1024) != -1) {
      if (buffer.size() > limit) {
        return HttpExchange.unreadable(request, response, tooLarge(request, status));
      }
    }
    return HttpExchange.bytes(request, response, buffer.readByteArray());
  }

  private HttpExchange parsed(PreparedRequest request, Response response, ResponseBody body)
      throws IOException {
    final CountingStream counted = new CountingStream(body.byteStream(), limit);
    try (InputStream in = counted) {
      final JsonNode tree = JSON.readTree(in);
      final @Nullable JsonNode json = tree == null || tree.isMissingNode() ? null : tree;
      return HttpExchange.json(request, response, json);
    } catch (BodyTooLargeException e) {
      return HttpExchange.unreadable(request, response, tooLarge(request, response.code()));
    } catch (JsonProcessingException e) {
      return HttpExchange.unreadable(request, response, new ProviderResponseException(
          request.call().method().id() + ": the provider's response (HTTP " + response.code() + ", "
          + counted.count + " bytes read) is not valid JSON: " + e.getClass().getSimpleName()
          + "; no rows were returned", e));
    }
  }

  private ProviderResponseException tooLarge(PreparedRequest request, int status) {
    return new ProviderResponseException(request.call().method().id() + ": the provider's response (HTTP "
        + status + ") is larger than " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MiB" : limit + " bytes")
        + " once decompressed; credql stopped reading it and returns no rows. Narrow the query"
        + " (a WHERE on a parameter of the resource) so the provider answers with less");
  }

  private static byte[] prefix(BufferedSource source, long max) throws IOException {
    final Buffer buffer = new Buffer();
    while (buffer.size() < max && source.read(buffer, Math.min(64 * 1024, max - buffer.size())) != -1) {
      // reading up to max
    }
    return buffer.readByteArray();
  }

  /** Signals that the body passed the limit (caught here, never reaches a caller). */
  private static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("response body over the limit");
    }
  }

  /** Counts the bytes read through it and fails once they pass the limit. */
  private static final class CountingStream extends FilterInputStream {
    private final long limit;
    private long count;

    CountingStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override public int read() throws IOException {
      final int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override public int read(byte[] buffer, int offset, int length) throws IOException {
      final int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException();
      }
    }
  }
}
