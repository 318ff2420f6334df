package io.credql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Reads a large listing in a JVM of its own (started with a small heap by {@link Benchmarks}) and
 * prints the rows read and the heap's peak, so that only the query's memory is measured.
 */
public final class ListingChild {
  private ListingChild() {
  }

  public static void main(String[] args) throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.linode", args[0]);
    properties.setProperty("auth", Benchmarks.AUTH);
    final long started = System.nanoTime();
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:credql:", properties);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, label, status, region, hosts "
             + "FROM linode.databases.postgresql_instances WHERE page_size = 500")) {
      while (rs.next()) {
        rows++;
      }
    }
    System.out.println("rows=" + rows + " peakHeapBytes=" + PeakHeap.bytes() + " nanos=" + (System.nanoTime() - started));
  }
}
