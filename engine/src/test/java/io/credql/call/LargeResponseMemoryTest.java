package io.credql.call;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 50 MB listing is read by a JVM with a 256 MB heap: the rows are decoded as the query reads
 * them, the page token written after the rows still leads to the next page, and a WHERE on a
 * response column still filters; a body that never ends meets the size limit, not the heap's end.
 * The queries run in a JVM of their own so that only its heap counts.
 */
class LargeResponseMemoryTest {
  /**
   * Rows of the first page, each about 1 KB, so that the page is just over 50 MB. Each holds a
   * list of 250 small numbers that its document does not describe: as a tree such a body takes
   * several times its size (the 361 MB of issue 12), rows decoded one at a time take little.
   */
  private static final int FIRST_PAGE_ROWS = 51_000;
  private static final int SECOND_PAGE_ROWS = 3;
  private static final String NUMBERS = java.util.stream.IntStream.range(0, 350).mapToObj(i -> String.valueOf(i % 100))
      .collect(java.util.stream.Collectors.joining(","));

  @Test void aFiftyMegabyteListingIsReadInA256MegabyteHeapWithItsFilterAndItsNextPage() throws Exception {
    final long[] firstPageBytes = new long[1];
    final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/endless/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      final byte[] chunk = ("{\"id\":1,\"name\":\"" + "x".repeat(60_000) + "\"},").getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("{\"items\":[".getBytes(StandardCharsets.US_ASCII));
        while (true) {
          out.write(chunk); // until the client stops reading
        }
      } catch (IOException e) {
        // the client hung up, as it should
      }
    });
    server.createContext("/", exchange -> {
      final boolean second = "cursor=c2".equals(exchange.getRequestURI().getRawQuery());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
        final long written = page(out, second ? FIRST_PAGE_ROWS : 0,
            second ? SECOND_PAGE_ROWS : FIRST_PAGE_ROWS, second ? null : "c2");
        if (!second) {
          firstPageBytes[0] = written;
        }
      }
    });
    server.start();
    try {
      final List<String> command = new ArrayList<>(List.of(
          Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
          "http://127.0.0.1:" + server.getAddress().getPort(),
          Paths.get("src/test/resources/paging").toAbsolutePath().toString()));
      final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("CREDQL_TEST_TOKEN", "memory-test-token");
      final Process child = builder.start();
      final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
      assertEquals(0, child.exitValue(), output);
      assertTrue(firstPageBytes[0] > 50L * 1000 * 1000, "the first page is over 50 MB: " + firstPageBytes[0]);
      long expected = 0;
      long last = -1;
      for (int id = 0; id < FIRST_PAGE_ROWS + SECOND_PAGE_ROWS; id++) {
        if (id % 10 == 7) {
          expected++;
          last = id;
        }
      }
      final String[] lines = output.trim().split("\n");
      assertEquals("rows=" + expected + " last=" + last, lines[0], output);
      assertTrue(lines[1].startsWith("endless=pager.items.by_cursor.") && lines[1].contains(
          "the provider's response (HTTP 200) is larger than ") && lines[1].contains(" MiB once decompressed"),
          "a body without end is refused at the limit, within the heap: " + output);
      final long peak = Long.parseLong(lines[2].replace("peakHeapBytes=", "").trim());
      System.out.printf("50 MB listing: peak heap %d MB in -Xmx256m%n", peak / (1024 * 1024));
    } finally {
      server.stop(0);
    }
  }

  /** Writes a page of rows {@code first ..}, with its next cursor after the rows; returns its size. */
  private static long page(OutputStream out, int first, int count, String next) throws IOException {
    long written = 0;
    written += write(out, "{\"items\":[");
    for (int i = first; i < first + count; i++) {
      written += write(out, (i == first ? "" : ",") + "{\"id\":" + i + ",\"name\":\"item-" + i
          + "-\",\"numbers\":[" + NUMBERS + "]}");
    }
    written += write(out, "],\"meta\":{\"next_cursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}}");
    return written;
  }

  private static int write(OutputStream out, String text) throws IOException {
    final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes);
    return bytes.length;
  }

  /** The query, in the small-heap JVM: prints how many rows passed the filter and the last id. */
  public static final class Child {
    private Child() {
    }

    public static void main(String[] args) throws SQLException {
      final Path providers = Paths.get(args[1]);
      try (Connection c = DriverManager.getConnection("jdbc:credql:providers=" + providers
              + ";baseUrl.pager=" + args[0] + "/v1");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id FROM pager.items.by_cursor WHERE name LIKE '%7-%'")) {
        long rows = 0;
        long last = -1;
        while (rs.next()) {
          rows++;
          last = rs.getLong(1);
        }
        System.out.println("rows=" + rows + " last=" + last);
      }
      try (Connection c = DriverManager.getConnection("jdbc:credql:providers=" + providers
              + ";baseUrl.pager=" + args[0] + "/endless/v1");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id FROM pager.items.by_cursor")) {
        System.out.println("rows of an endless body: " + rs.next());
      } catch (SQLException e) {
        System.out.println("endless=" + e.getMessage());
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println("peakHeapBytes=" + peak);
    }
  }
}
