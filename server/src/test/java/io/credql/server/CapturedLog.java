package io.credql.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the server logs while it is open: the tests' logger (slf4j-simple) writes to standard
 * error, which this replaces until {@link #close}.
 */
final class CapturedLog implements AutoCloseable {
  private final PrintStream before = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedLog() {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  static CapturedLog start() {
    return new CapturedLog();
  }

  String text() {
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override public void close() {
    System.setErr(before);
    before.print(text());
  }
}
