package io.credql.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling a statement (what the shell does on Ctrl-C) while its call waits for the provider:
 * the wait ends at once rather than at the call's deadline, a change is reported and audited with
 * its outcome unknown and the SELECT that checks it, and the connection goes on working. A join's
 * fan-out, whose calls run on the session's call threads, stops with its statement, or its connection.
 */
class StatementCancelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LoopbackJsonServer api;
  private final CountDownLatch received = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger rotations = new AtomicInteger();

  @BeforeEach void start() {
    api = LoopbackJsonServer.routes()
        .route("/v1/things/42/secret/rotate", request -> {
          rotations.incrementAndGet();
          received.countDown();
          // answers nothing until the test ends: the reset is in flight when it is cancelled
          release.await(30, TimeUnit.SECONDS);
          return Answer.none();
        })
        .route("/v1/things", request -> Answer.json("{\"data\":[{\"id\":42,\"label\":\"answer\"}],\"page\":1,\"pages\":1}"))
        .start();
  }

  @AfterEach void stop() {
    release.countDown();
    api.close();
  }

  @Test void cancellingAStalledResetEndsTheWaitAtOnceAndItsOutcomeIsUnknown() throws Throwable {
    final Path audit = dir.resolve("audit.jsonl");
    try (Connection c = DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath() + ";baseUrl.acme="
        + api.url("/v1") + ";auditLog=" + audit + ";timeout=60");
        Statement s = c.createStatement()) {
      final SQLException e = failureWhenStopped(
          () -> s.executeQuery("EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42"), received, s::cancel);
      assertTrue(e.getMessage().contains("rotateThingSecret: outcome unknown: the statement was cancelled"
          + " while the request was in flight"), e.getMessage());
      assertTrue(e.getMessage().contains("It was not re-sent") && e.getMessage().contains(
          "SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."), e.getMessage());
      assertFalse(e.getMessage().contains("no answer within"), e.getMessage());
      try (Statement next = c.createStatement();
          ResultSet rs = next.executeQuery("SELECT label FROM acme.things.things")) {
        assertTrue(rs.next(), "the connection goes on working");
        assertEquals("answer", rs.getString(1));
      }
    }
    final List<String> lines = Files.readAllLines(audit);
    final JsonNode outcome = JSON.readTree(lines.get(lines.size() - 1));
    assertEquals("unknown", outcome.get("outcome").asText());
    assertEquals(1, rotations.get(), "not re-sent");
  }

  /** A provider whose listing has three things and whose secrets never come: the join's calls stall. */
  private LoopbackJsonServer stallingSecrets(CountDownLatch arrived) {
    return LoopbackJsonServer.answering(request -> {
      if (request.path().endsWith("/secret")) {
        arrived.countDown();
        release.await(30, TimeUnit.SECONDS);
        return Answer.none();
      }
      return Answer.json("{\"data\":[{\"id\":1,\"label\":\"one\"},{\"id\":2,\"label\":\"two\"},"
          + "{\"id\":3,\"label\":\"three\"}],\"page\":1,\"pages\":1}");
    });
  }

  /** What a statement that {@code stop} stops once {@code arrived} is down fails with, well before its 60 s deadline. */
  private static SQLException failureWhenStopped(Executable statement, CountDownLatch arrived, Executable stop)
      throws Throwable {
    final CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(
        () -> assertThrows(SQLException.class, statement));
    assertTrue(arrived.await(30, TimeUnit.SECONDS), "the calls never reached the provider");
    final long stopped = System.nanoTime();
    stop.execute();
    final SQLException e = failure.get(30, TimeUnit.SECONDS);
    assertTrue(Duration.ofNanos(System.nanoTime() - stopped).compareTo(Duration.ofSeconds(10)) < 0,
        "the wait ended well before the 60 s deadline");
    return e;
  }

  /** Reads every row of {@link #JOIN} through {@code s}. */
  private static void readAll(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery(JOIN)) {
      while (rs.next()) {
        rs.getString(2);
      }
    }
  }

  private static final String JOIN = "SELECT t.label, s.password FROM acme.things.things t "
      + "JOIN acme.things.thing_secrets s ON s.thingId = t.id";

  private Connection connectionTo(LoopbackJsonServer provider) throws SQLException {
    return DriverManager.getConnection("jdbc:credql:providers="
        + Paths.get("src/test/resources/providers").toAbsolutePath() + ";baseUrl.acme="
        + provider.url("/v1") + ";auditLog=" + dir.resolve("audit.jsonl") + ";timeout=60");
  }

  @Test void cancellingAJoinEndsTheCallsOfItsFanOutAtOnceAndSendsNoMore() throws Throwable {
    final CountDownLatch arrived = new CountDownLatch(3);
    try (LoopbackJsonServer provider = stallingSecrets(arrived);
        Connection c = connectionTo(provider);
        Statement s = c.createStatement()) {
      final SQLException e = failureWhenStopped(() -> readAll(s), arrived, s::cancel);
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertFalse(e.getMessage().contains("no answer within"), e.getMessage());
      assertEquals(3, provider.targets().stream().filter(t -> t.endsWith("/secret")).count(),
          "no call is sent again or started after the cancel: " + provider.targets());
    }
  }

  @Test void closingTheConnectionOfAStalledJoinEndsItsCallsAndTheWaitingReader() throws Throwable {
    final CountDownLatch arrived = new CountDownLatch(3);
    try (LoopbackJsonServer provider = stallingSecrets(arrived)) {
      final Connection c = connectionTo(provider);
      failureWhenStopped(() -> readAll(c.createStatement()), arrived, c::close);
    }
  }
}
