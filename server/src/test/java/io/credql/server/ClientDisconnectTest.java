package io.credql.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.credql.LoopbackJsonServer;
import io.credql.LoopbackJsonServer.Answer;
import io.credql.audit.AuditRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client gives up on a slow statement and goes away: the server stops a query's calls (those in
 * flight end, no further one starts), stays up, and serves the next client with the budget free;
 * a change it had sent runs to its end, once, and is audited with the user's name.
 */
class ClientDisconnectTest {
  /** How long the fake Linode takes to answer each credentials read. */
  private static final int ANSWER_MILLIS = 200;
  private static final int CALLS = 20;
  private static final String RESET = "EXEC linode.databases.postgresql_instances_credentials"
      + ".postDatabasesPostgreSQLInstanceCredentialsReset @instanceId = 7";

  @TempDir Path directory;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();
  private final CountDownLatch resetArrived = new CountDownLatch(1);
  /** The fake answers a reset only once the test has let its client go away. */
  private final CountDownLatch answerReset = new CountDownLatch(1);
  /** Credentials of instances from 100 on are answered only when the test ends: their calls stall. */
  private final CountDownLatch releaseStalled = new CountDownLatch(1);
  private final AtomicInteger stalled = new AtomicInteger();
  private LoopbackJsonServer linode;
  private CredqlServer server;
  private final ExecutorService client = Executors.newSingleThreadExecutor();

  @BeforeEach void startLinodeAndServer() throws Exception {
    linode = LoopbackJsonServer.routes()
        .route("/v4/databases/postgresql/instances/", request -> request.method().equals("POST") ? reset()
            : request.path().matches(".*/instances/1\\d\\d/credentials") ? stall() : credentials())
        .start();
    final Path users = directory.resolve("users");
    new UsersFile(users, 4).add("ann", Role.READER, Set.of(), "ann-password".toCharArray());
    new UsersFile(users, 4).add("op", Role.OPERATOR, Set.of(), "op-password".toCharArray());
    final Properties connection = new Properties();
    connection.setProperty("baseUrl.linode", linode.url("/v4"));
    connection.setProperty("concurrency", "2");
    connection.setProperty("auditLog", directory.resolve("audit.jsonl").toString());
    server = CredqlServer.start(ServerSettings.of(users, connection));
  }

  @AfterEach void stopAll() {
    answerReset.countDown();
    releaseStalled.countDown();
    client.shutdownNow();
    server.close();
    linode.close();
  }

  /** A slow credentials read: answered after {@link #ANSWER_MILLIS}, counting calls in flight. */
  private Answer credentials() throws InterruptedException {
    calls.incrementAndGet();
    inFlight.incrementAndGet();
    try {
      Thread.sleep(ANSWER_MILLIS);
      return Answer.json("{\"username\": \"linroot\", \"password\": \"s3cret\"}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A credentials read that is answered only when the test ends. */
  private Answer stall() throws InterruptedException {
    stalled.incrementAndGet();
    releaseStalled.await(60, TimeUnit.SECONDS);
    return Answer.none();
  }

  /** A reset, answered when the test says so. */
  private Answer reset() throws InterruptedException {
    resets.incrementAndGet();
    resetArrived.countDown();
    return answerReset.await(30, TimeUnit.SECONDS) ? Answer.json("{}") : Answer.none();
  }

  private static String thinUrl(String address, String user) {
    return "jdbc:avatica:remote:url=" + address + ";serialization=PROTOBUF;authentication=BASIC;avatica_user="
        + user + ";avatica_password=" + user + "-password";
  }

  @Test void aClientThatGoesAwayMidQueryHasItsCallsStoppedAndTheNextClientIsServed() throws Exception {
    final String ids = IntStream.rangeClosed(1, CALLS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    final String query = "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId IN (";
    try (TcpRelay relay = TcpRelay.to(server.port())) {
      final Connection leaving = DriverManager.getConnection(thinUrl("http://127.0.0.1:" + relay.port(), "ann"));
      final Future<?> running = client.submit(() -> leaving.createStatement().executeQuery(query + ids + ")"));
      final long started = System.nanoTime() + 30_000_000_000L;
      while (calls.get() < 2 && System.nanoTime() < started) {
        Thread.sleep(5);
      }
      assertTrue(calls.get() >= 2, "the query's calls began");
      relay.close(); // the client hangs up mid-query
      assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
    }
    final long deadline = System.nanoTime() + 2_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, inFlight.get(), "the calls in flight ended");
    final int made = calls.get();
    Thread.sleep(ANSWER_MILLIS / 2);
    assertEquals(made, calls.get(), "no further call started");
    assertEquals(0, inFlight.get());
    assertTrue(made < CALLS / 2, made + " of " + CALLS + " calls were made for a client that went away");

    try (Connection next = DriverManager.getConnection(thinUrl(server.url().toString(), "ann"));
         Statement s = next.createStatement(); ResultSet rows = s.executeQuery(query + "1, 2)")) {
      assertTrue(rows.next());
      assertEquals("linroot", rows.getString(1));
      assertTrue(rows.next());
    }
  }

  @Test void aClientThatGoesAwayWhileItsCallsStallFreesTheirPlacesInTheBudgetForTheNextClientAtOnce()
      throws Exception {
    final String stalling = "SELECT username FROM linode.databases.postgresql_instances_credentials"
        + " WHERE instanceId IN (101, 102, 103, 104)";
    try (TcpRelay relay = TcpRelay.to(server.port())) {
      final Connection leaving = DriverManager.getConnection(thinUrl("http://127.0.0.1:" + relay.port(), "ann"));
      final Future<?> running = client.submit(() -> leaving.createStatement().executeQuery(stalling));
      final long deadline = System.nanoTime() + 30_000_000_000L;
      while (stalled.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(2, stalled.get(), "both places of the budget (concurrency=2) hold a stalled call");
      relay.close(); // the client hangs up; its two calls will never be answered
      assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
    }
    // a socket read ignores the interrupt of its thread: only cancelling the calls frees their places
    final ExecutorService next = Executors.newSingleThreadExecutor();
    try (Connection c = DriverManager.getConnection(thinUrl(server.url().toString(), "ann"))) {
      final Future<String> answered = next.submit(() -> {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
            "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 1")) {
          assertTrue(rows.next());
          return rows.getString(1);
        }
      });
      assertEquals("linroot", answered.get(5, TimeUnit.SECONDS),
          "the next client is served well before the stalled calls' 30 s deadline");
    } finally {
      next.shutdownNow();
    }
    assertEquals(2, stalled.get(), "no further call of the query that was given up started");
  }

  @Test void aRemoteCancelStopsTheServersCallsAtOnceAndTheConnectionServesAgain() throws Exception {
    final String stalling = "SELECT username FROM linode.databases.postgresql_instances_credentials"
        + " WHERE instanceId IN (101, 102, 103, 104)";
    final Properties login = new Properties();
    login.setProperty("user", "ann");
    login.setProperty("password", "ann-password");
    try (Connection c = DriverManager.getConnection("jdbc:credql:remote=" + server.url(), login);
         Statement s = c.createStatement()) {
      final Future<?> running = client.submit(() -> {
        s.executeQuery(stalling).close();
        return null;
      });
      final long deadline = System.nanoTime() + 30_000_000_000L;
      while (stalled.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(2, stalled.get(), "both places of the budget (concurrency=2) hold a stalled call");
      s.cancel();
      // before: only the client's flag went up, and the query waited for its stalled calls (60 s)
      final ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS));
      assertTrue(String.valueOf(e.getCause().getMessage()).contains("cancelled"), e.getCause().getMessage());
      try (Statement next = c.createStatement(); ResultSet rows = next.executeQuery(
          "SELECT username FROM linode.databases.postgresql_instances_credentials WHERE instanceId = 1")) {
        assertTrue(rows.next(), "the connection and the budget's places serve the next query");
        assertEquals("linroot", rows.getString(1));
      }
    }
    assertEquals(2, stalled.get(), "no further call of the cancelled query started");
  }

  @Test void aResetWhoseClientGoesAwayRunsToItsEndOnceAndIsAuditedWithTheUsersName() throws Exception {
    try (TcpRelay relay = TcpRelay.to(server.port())) {
      final Connection leaving = DriverManager.getConnection(thinUrl("http://127.0.0.1:" + relay.port(), "op"));
      final Future<?> running = client.submit(() -> leaving.createStatement().execute(RESET));
      assertTrue(resetArrived.await(30, TimeUnit.SECONDS), "the reset reached Linode");
      relay.close(); // the operator hangs up while Linode works on the reset
      assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
      // the server notices a client that goes away within milliseconds; give it time to, then answer
      Thread.sleep(200);
      answerReset.countDown();
    }
    final Path audit = directory.resolve("audit.jsonl");
    final long deadline = System.nanoTime() + 10_000_000_000L;
    while (outcomes(audit).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    final List<JsonNode> outcomes = outcomes(audit);
    assertEquals(1, outcomes.size(), "the reset's outcome is recorded: " + outcomes);
    final JsonNode outcome = outcomes.get(0);
    assertEquals("ok", outcome.path("outcome").asText(), outcome.toString());
    assertEquals(200, outcome.path("http_status").asInt(), outcome.toString());
    assertEquals("op", outcome.path("user").asText());
    assertEquals("127.0.0.1", outcome.path("client").asText());
    assertEquals(1, resets.get(), "the reset was sent once");
  }

  private static List<JsonNode> outcomes(Path audit) throws IOException {
    if (!Files.exists(audit)) {
      return List.of();
    }
    return AuditRecords.read(audit).records().stream()
        .filter(r -> r.path("event").asText().equals("outcome")).collect(Collectors.toList());
  }
}
