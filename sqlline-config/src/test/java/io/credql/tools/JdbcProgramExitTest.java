package io.credql.tools;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch program or a BI tool's connection test on {@code jdbc:credql:sandbox=true} ends when its
 * work is done: closing the connection lets the JVM exit, without {@code System.exit}.
 */
class JdbcProgramExitTest {
  /** A program that queries the sandbox, closes its connection and returns from main. */
  public static final class QueryAndClose {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT label FROM linode.databases.postgresql_instances")) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
      System.out.println("closed");
      System.out.flush();
    }
  }

  @Test void aProgramThatClosesItsSandboxConnectionExitsByItself() throws Exception {
    final Process process = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Duser.home=/nonexistent",
        QueryAndClose.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("closed", out.readLine());
      final long closed = System.nanoTime();
      final boolean exited = process.waitFor(10, TimeUnit.SECONDS);
      assertTrue(exited, "the JVM still runs 10 s after the connection closed");
      assertEquals(0, process.exitValue());
      assertTrue(System.nanoTime() - closed < TimeUnit.SECONDS.toNanos(5),
          "exited " + (System.nanoTime() - closed) / 1_000_000 + " ms after the close");
    } finally {
      process.destroyForcibly();
    }
  }
}
