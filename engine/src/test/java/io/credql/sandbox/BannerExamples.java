package io.credql.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example statements the sandbox's banner shows for one provider, as each simulator's tests
 * check them: every one runs on a {@code sandbox=true} connection and returns a row.
 */
public final class BannerExamples {
  private BannerExamples() {
  }

  /** Those of {@code examples} that name {@code provider}'s resources ({@code "linode."}). */
  public static List<String> of(List<String> examples, String provider) {
    return examples.stream().filter(example -> example.contains(provider + ".")).toList();
  }

  /** Runs each of {@code examples} on one sandbox connection; fails naming the first that returns no row. */
  public static void assertEachReturnsARow(List<String> examples) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:sandbox=true"); Statement s = c.createStatement()) {
      for (String example : examples) {
        try (ResultSet rs = s.executeQuery(example)) {
          assertTrue(rs.next(), example);
        }
      }
    }
  }
}
