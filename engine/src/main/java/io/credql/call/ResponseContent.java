package io.credql.call;

import okio.Buffer;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * A response body as received, kept once and compactly (a small one as an exact array, a large
 * one in the segments it arrived in, never copied whole) and readable from the start any number of
 * times, so its rows can be decoded as they are asked for instead of as one tree.
 */
final class ResponseContent {
  /** Bodies below this are copied into one exact array: a segment per small body would waste memory. */
  private static final long COMPACT_BELOW = 64L * 1024;
  static final ResponseContent EMPTY = new ResponseContent(new byte[0], null);

  private final byte @Nullable [] bytes;
  private final @Nullable Buffer segments;

  private ResponseContent(byte @Nullable [] bytes, @Nullable Buffer segments) {
    this.bytes = bytes;
    this.segments = segments;
  }

  /** The content of {@code buffer}, which this takes over (the caller must not use it again). */
  static ResponseContent of(Buffer buffer) {
    requireNonNull(buffer, "buffer");
    return buffer.size() < COMPACT_BELOW ? new ResponseContent(buffer.readByteArray(), null)
        : new ResponseContent(null, buffer);
  }

  static ResponseContent of(byte[] bytes) {
    return new ResponseContent(requireNonNull(bytes, "bytes"), null);
  }

  long size() {
    return bytes != null ? bytes.length : requireNonNull(segments, "segments").size();
  }

  /** A stream of the whole content from its first byte; the content itself is not consumed. */
  InputStream open() {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    // a copy shares the segments (okio copies on write), so reading it leaves this content whole
    synchronized (this) {
      return requireNonNull(segments, "segments").copy().inputStream();
    }
  }

  /** The whole content as one array: for small bodies (errors, XML), never for a listing's rows. */
  byte[] bytes() {
    if (bytes != null) {
      return bytes;
    }
    synchronized (this) {
      return requireNonNull(segments, "segments").copy().readByteArray();
    }
  }

  /** Whether the content is empty or only white space, read no further than its first other byte. */
  boolean isBlank() {
    try (InputStream in = open()) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("reading a body held in memory failed", e);
    }
  }
}
