package io.credql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the join of {@link Benchmarks} once in a JVM of its own (started with a small heap) against
 * the base URL and concurrency it is given, and prints the rows read, the heap's peak, the heap in
 * use after a collection late in the run, and the time.
 */
public final class FanOutChild {
  /**
   * Where the heap still in use is measured (after a full collection): nine tenths of the way, so
   * whatever the fan-out keeps per call is there; the peak alone mostly says how lazily G1 collects.
   */
  private static final long LIVE_HEAP_AT_ROW = 90_000;

  private FanOutChild() {
  }

  private static long liveHeapBytes() {
    System.gc();
    final Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  public static void main(String[] args) throws SQLException {
    long rows = 0;
    long liveHeap = 0;
    final long started;
    try (Connection c = Benchmarks.connect(args[0], Integer.parseInt(args[1])); Statement s = c.createStatement()) {
      started = System.nanoTime();
      try (ResultSet rs = s.executeQuery(Benchmarks.JOIN)) {
        while (rs.next()) {
          if (++rows == LIVE_HEAP_AT_ROW) {
            liveHeap = liveHeapBytes();
          }
        }
      }
    }
    System.out.println("rows=" + rows + " peakHeapBytes=" + PeakHeap.bytes() + " liveHeapBytes=" + liveHeap
        + " nanos=" + (System.nanoTime() - started));
  }
}
