package io.credql.shell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * The text of a script file or standard input: UTF-8, read strictly, so that a file in another
 * encoding is refused with the byte where it stops being UTF-8 rather than run with its
 * characters replaced; a byte order mark some editors write first is dropped.
 */
final class ScriptText {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private ScriptText() {
  }

  /** {@code bytes} as text; {@code source} names them in the error (a file name, "standard input"). */
  static String decode(byte[] bytes, String source) throws IOException {
    requireNonNull(bytes, "bytes");
    requireNonNull(source, "source");
    final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    final ByteBuffer in = ByteBuffer.wrap(bytes);
    final CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw notUtf8(bytes, in.position(), source);
    }
    return withoutByteOrderMark(out.flip().toString());
  }

  /** {@code text} without a leading byte order mark. */
  static String withoutByteOrderMark(String text) {
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  private static IOException notUtf8(byte[] bytes, int offset, String source) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return new IOException("cannot read " + source + ": it is not UTF-8 (byte 0x"
        + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset + ", line " + line
        + "); save it as UTF-8");
  }
}
