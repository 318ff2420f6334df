package io.credql.jdbc;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements with very large predicates run and give the right rows: ten thousand values in an
 * IN list on a response column (a filter) and on a request parameter (ten thousand calls), and
 * two thousand OR terms.
 */
class LargePredicatesTest {
  private static final AtomicInteger SINGLE_CALLS = new AtomicInteger();
  private static LoopbackJsonServer api;

  @BeforeAll static void start() {
    api = LoopbackJsonServer.routes()
        .route("/v1/items/", request -> {
          final String name = request.path().substring("/v1/items/".length());
          // a provider that matches names regardless of case answers more than was asked
          final String answered = name.equals("v7") ? "V7" : name;
          return Answer.json("{\"name\":\"" + answered + "\",\"size\":" + name.length() + "}");
        })
        .route("/v1/things", request -> {
          final String path = request.path();
          if (path.equals("/v1/things")) {
            return Answer.json("{\"data\":[{\"id\":1,\"label\":\"日本\"},{\"id\":2,\"label\":\"plain\"}],"
                + "\"page\":1,\"pages\":1}");
          }
          SINGLE_CALLS.incrementAndGet();
          final String id = path.substring(path.lastIndexOf('/') + 1);
          return Answer.json("{\"id\":" + id + ",\"label\":\"thing-" + id + "\"}");
        })
        .start();
  }

  @AfterAll static void stop() {
    api.close();
  }

  private static List<String> labels(String sql) throws SQLException {
    return column("providers", "acme", sql, "label");
  }

  private static List<String> column(String providers, String provider, String sql, String column)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
            + Paths.get("src/test/resources", providers).toAbsolutePath()
            + ";baseUrl." + provider + "=" + api.url("/v1") + ";concurrency=8");
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      final List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(column));
      }
      return values;
    }
  }

  private static String values(int count, java.util.function.IntFunction<String> value) {
    return IntStream.range(0, count).mapToObj(value).collect(Collectors.joining(","));
  }

  @Test void tenThousandValuesInAnInListFilterAResponseColumn() throws SQLException {
    assertEquals(List.of("plain"), labels("SELECT label FROM acme.things.things WHERE label IN ("
        + values(10_000, i -> "'v" + i + "'") + ", 'plain')"));
  }

  @Test void tenThousandValuesInAnInListOnAParameterMakeTenThousandCalls() throws SQLException {
    SINGLE_CALLS.set(0);
    final List<String> labels = labels("SELECT label FROM acme.things.things WHERE thingId IN ("
        + values(10_000, i -> String.valueOf(i + 1)) + ")");
    assertEquals(10_000, labels.size());
    assertEquals(10_000, labels.stream().distinct().count());
    assertTrue(labels.contains("thing-1") && labels.contains("thing-10000"), labels.subList(0, 3).toString());
    assertEquals(10_000, SINGLE_CALLS.get());
  }

  @Test @Timeout(60)
  void thousandsOfValuesInAnInListOnAParameterThatTheRowsEchoAreCheckedRowByRow() throws SQLException {
    // the values bind the calls, and each row is looked up in the set of them, as a provider may
    // answer more than was asked: here it answers "V7" for "v7". Compiled as comparisons, two
    // thousand values exceed what a Java method holds, and ten thousand took minutes to generate.
    final List<String> names = column("echo-providers", "echo", "SELECT name FROM echo.items.items WHERE name IN ("
        + values(2_000, i -> "'v" + i + "'") + ")", "name");
    assertEquals(1_999, names.size());
    assertEquals(1_999, names.stream().distinct().count());
    assertTrue(names.contains("v0") && names.contains("v1999") && !names.contains("V7") && !names.contains("v7"),
        names.subList(0, 3).toString());
  }

  @Test void twoThousandOrTermsFilterAResponseColumn() throws SQLException {
    assertEquals(List.of("plain"), labels("SELECT label FROM acme.things.things WHERE "
        + IntStream.range(0, 2_000).mapToObj(i -> "label = 'v" + i + "'").collect(Collectors.joining(" OR "))
        + " OR label = 'plain'"));
  }

  @Test void twoThousandOrTermsOnAParameterMakeTwoThousandCalls() throws SQLException {
    final List<String> labels = labels("SELECT label FROM acme.things.things WHERE "
        + IntStream.range(0, 2_000).mapToObj(i -> "thingId = " + (i + 1)).collect(Collectors.joining(" OR ")));
    assertEquals(2_000, labels.stream().distinct().count());
  }

  @Test void aThousandNestedParenthesesWork() throws SQLException {
    // the parser's recursion needs a deeper stack than the caller's: the statement is prepared again on one
    assertEquals(List.of("plain"), labels("SELECT label FROM acme.things.things WHERE "
        + "(".repeat(1_000) + "label = 'plain'" + ")".repeat(1_000)));
  }

  @Test void theResultOfALargeInListIsNotAPartialOne() throws SQLException {
    final List<String> labels = labels("SELECT label FROM acme.things.things WHERE label NOT IN ("
        + values(5_000, i -> "'v" + i + "'") + ")");
    assertEquals(java.util.Set.of("日本", "plain"), new java.util.HashSet<>(labels));
    assertEquals(2, labels.size());
  }
}
