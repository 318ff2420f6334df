package io.credql.shell;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output for one result set under {@code -H/--hideheaders}: the formatter's first line,
 * its header, is dropped and everything after it passes through, so every line-oriented format
 * (csv, tsv, text) loses its header the same way, as StackQL's {@code -H} does for csv and text.
 */
final class HeaderDroppingStream extends FilterOutputStream {
  private boolean inHeader = true;

  private HeaderDroppingStream(OutputStream out) {
    super(out);
  }

  /** A print stream writing to {@code out} without the first line. */
  static PrintStream of(PrintStream out) {
    return new PrintStream(new HeaderDroppingStream(out), false, StandardCharsets.UTF_8);
  }

  @Override public void write(int b) throws IOException {
    if (inHeader) {
      inHeader = b != '\n';
      return;
    }
    out.write(b);
  }

  @Override public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    while (inHeader && start < off + len) {
      inHeader = b[start++] != '\n';
    }
    out.write(b, start, off + len - start);
  }

  @Override public void close() throws IOException {
    flush();
  }
}
