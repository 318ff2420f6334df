package io.credql.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Fuzzes binding EXEC and DELETE arguments into requests, in a dry run (nothing is sent): any
 * value either makes a request that stays at the provider's host with one path segment per
 * parameter, or is refused with an SQLException. The input's first line is the path value, the
 * rest the {@code @@json} body.
 */
class ExecBinderFuzzTest {
  private static final String URL = "jdbc:credql:providers="
      + Paths.get("src/test/resources/providers").toAbsolutePath()
      + ";baseUrl.acme=http://127.0.0.1:9/v1;dryRun=true";
  private static Connection connection;

  private static synchronized Connection connection() throws SQLException {
    if (connection == null) {
      connection = DriverManager.getConnection(URL);
    }
    return connection;
  }

  @FuzzTest(maxDuration = "60s")
  void anyArgumentsMakeASafeRequestOrAClearError(byte[] input) throws SQLException {
    final String text = new String(input, StandardCharsets.UTF_8);
    final int newline = text.indexOf('\n');
    final String value = newline < 0 ? text : text.substring(0, newline);
    final String json = newline < 0 ? "{\"ttl\": \"900s\"}" : text.substring(newline + 1);
    try (PreparedStatement ps = connection().prepareStatement(
        "EXEC acme.things.thing_tokens.generate @thingId = ? @@json = ?")) {
      ps.setString(1, value);
      ps.setString(2, json);
      check(ps, java.util.Arrays.asList("v1", "things", null, "tokens"));
    } catch (SQLException e) {
      requireMessage(e);
    }
    try (PreparedStatement ps = connection().prepareStatement(
        "DELETE FROM acme.things.widgets WHERE name = ?")) {
      ps.setString(1, value);
      check(ps, java.util.Arrays.asList("v1", "widgets", null));
    } catch (SQLException e) {
      requireMessage(e);
    }
  }

  private static void check(PreparedStatement ps, List<String> segments) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        final HttpUrl url = HttpUrl.get(rs.getString("url"));
        if (!url.host().equals("127.0.0.1") || url.port() != 9 || url.pathSize() != segments.size()) {
          throw new AssertionError("the request left its place: " + url);
        }
        for (int i = 0; i < segments.size(); i++) {
          if (segments.get(i) != null && !segments.get(i).equals(url.pathSegments().get(i))) {
            throw new AssertionError("the request left its place: " + url);
          }
        }
      }
    }
  }

  /** Only credql's own errors (bad input, missing parameters) are expected, each one clear line. */
  private static void requireMessage(SQLException e) {
    if (io.credql.error.CredqlException.find(e) == null) {
      throw new AssertionError("not one of credql's documented errors: " + e, e);
    }
    if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
      throw new AssertionError("an error without a clear one-line message", e);
    }
  }
}
