package io.credql.call;

import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resources whose operations carry {@code x-stackQL-graphQL} (StackQL's GitLab, Cloudflare and
 * GitHub GraphQL documents): each page POSTs the query, written from the statement's values, to the
 * method's URL without its query string, and pages follow the document's cursor strategy.
 */
class GraphQlQueriesTest {
  private static final String TOKEN = "engine-test-token"; // surefire sets CREDQL_TEST_TOKEN to it

  private static List<String> rows(LoopbackJsonServer api, String sql) throws SQLException {
    final List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
            + Paths.get("src/test/resources/graphql-providers").toAbsolutePath() + ";baseUrl.board=" + api.url(""));
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  @Test void aListingFollowsThePageInfoCursorUntilHasNextPageIsFalse() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.routes().route("/api/graphql", request ->
        Answer.json(request.body().contains("after") ? "{\"data\": {\"project\": {\"issues\": {\"nodes\":"
            + " [{\"iid\": \"3\", \"title\": \"c\"}], \"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"C2\"}}}}}"
            : "{\"data\": {\"project\": {\"issues\": {\"nodes\": [{\"iid\": \"1\", \"title\": \"a\"},"
            + " {\"iid\": \"2\", \"title\": \"b\"}], \"pageInfo\": {\"hasNextPage\": true, \"endCursor\": \"C1\"}}}}}"))
        .start()) {
      assertEquals(List.of("1", "2", "3"),
          rows(api, "SELECT iid FROM board.projects.issues WHERE full_path = 'group/app'"));
      assertEquals(List.of("POST /api/graphql", "POST /api/graphql"), api.targets());
      final List<LoopbackJsonServer.Request> sent = api.requests();
      assertEquals("{\"query\":\"query {  project(fullPath: \\\"group/app\\\") {    issues(first: 2) {"
          + "      nodes { iid title }      pageInfo { hasNextPage endCursor }    }  }}\"}", sent.get(0).body());
      assertTrue(sent.get(1).body().contains("issues(first: 2, after: \\\"C1\\\")"), sent.get(1).body());
      assertEquals("Bearer " + TOKEN, sent.get(1).authorization());
    }
  }

  @Test void theQueryTakesTheValuesTheStatementGivesAndItsTemplateLeavesOutTheOthers() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.json("{\"data\": {\"project\":"
        + " {\"issues\": {\"nodes\": [], \"pageInfo\": {\"hasNextPage\": false}}}}}"))) {
      rows(api, "SELECT iid FROM board.projects.issues WHERE full_path = 'g/p' AND state = 'opened'");
      assertTrue(api.requests().get(0).body().contains("issues(first: 2, state: opened)"), api.requests().get(0).body());
    }
  }

  @Test void aGetReadsItsRowAtTheObjectKeyWithOneRequest() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request ->
        Answer.json("{\"data\": {\"currentUser\": {\"username\": \"ada\"}}}"))) {
      assertEquals(List.of("ada"), rows(api, "SELECT username FROM board.projects.viewer"));
      assertEquals(List.of("POST /api/graphql"), api.targets());
    }
  }

  @Test void aKeysetListingSendsTheLastRowsKeyUntilAPageHasNoRows() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.json(
        request.body().contains("after_at: \\\"t2\\\"") ? "{\"data\": {\"events\": []}}"
            : "{\"data\": {\"events\": [{\"at\": \"t1\"}, {\"at\": \"t2\"}]}}"))) {
      assertEquals(List.of("t1", "t2"), rows(api, "SELECT at FROM board.projects.events"));
      assertEquals(2, api.requests().size());
      assertFalse(api.requests().get(0).body().contains("after_at"));
    }
  }

  @Test void anOffsetListingCountsTheRowsSoFarAndStopsOnAShortPage() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.json(
        request.body().contains("offset: 2") ? "{\"data\": {\"runs\": [{\"id\": \"r3\"}]}}"
            : "{\"data\": {\"runs\": [{\"id\": \"r1\"}, {\"id\": \"r2\"}]}}"))) {
      assertEquals(List.of("r1", "r2", "r3"), rows(api, "SELECT id FROM board.projects.runs"));
      assertEquals(2, api.requests().size());
      assertTrue(api.requests().get(1).body().contains("runs(limit: 2, offset: 2)"), api.requests().get(1).body());
    }
  }

  @Test void graphQlErrorsInTheAnswerFailTheQueryWithTheirMessages() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.json(
        "{\"data\": null, \"errors\": [{\"message\": \"Field 'issues' doesn't exist on type 'Project'\"}]}"))) {
      final SQLException e = assertThrows(SQLException.class,
          () -> rows(api, "SELECT iid FROM board.projects.issues WHERE full_path = 'g/p'"));
      assertTrue(e.getMessage().contains("GraphQL errors: Field 'issues' doesn't exist on type 'Project'"),
          e.getMessage());
    }
  }

  @Test void aMutationAnsweredWithErrorsFailsAndSaysTheRequestWasSent() throws Exception {
    try (LoopbackJsonServer api = LoopbackJsonServer.answering(request -> Answer.json(
        "{\"data\": {\"createIssue\": null}, \"errors\": [{\"message\": \"Title has already been taken\"}]}"))) {
      final SQLException e = assertThrows(SQLException.class, () -> {
        try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
                + Paths.get("src/test/resources/graphql-providers").toAbsolutePath() + ";baseUrl.board=" + api.url(""));
             Statement s = c.createStatement()) {
          s.execute("EXEC board.projects.issues.create @full_path = 'g/p', @title = 'Broken build'");
        }
      });
      assertTrue(e.getMessage().contains("GraphQL errors: Title has already been taken; the request was sent"),
          e.getMessage());
      assertTrue(api.requests().get(0).body().contains("title: \\\"Broken build\\\""), api.requests().get(0).body());
    }
  }
}
