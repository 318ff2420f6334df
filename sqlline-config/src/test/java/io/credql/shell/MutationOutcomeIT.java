package io.credql.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.credql.audit.AuditRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.credql.shell.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code java -jar credql.jar} says about a reset when things go wrong around it: the audit
 * log meets the process's file-size limit while the provider works, or the process is stopped by
 * SIGTERM or Ctrl-C's SIGINT while the reset stalls. Either way the user learns what was sent and
 * what is known, and the audit log agrees.
 */
class MutationOutcomeIT {
  private static final String ROTATE = "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42";
  /** The file-size limit credql runs under (RLIMIT_FSIZE, bash's {@code ulimit -f} in KiB). */
  private static final int FILE_SIZE_LIMIT_KIB = 64;
  /** Room left in the audit log for the outcome line: less than a line, so it is cut short. */
  private static final int ROOM = 40;

  @TempDir Path home;
  private HttpServer api;
  private Path audit;
  private final CountDownLatch received = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean stall;

  @BeforeEach void start() throws IOException {
    audit = home.resolve("audit.jsonl");
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.setExecutor(Executors.newCachedThreadPool());
    api.createContext("/", exchange -> {
      received.countDown();
      try {
        if (stall && exchange.getRequestMethod().equals("POST")) {
          // answers nothing until the test ends: the reset is in flight when the signal comes
          release.await(60, TimeUnit.SECONDS);
        } else {
          // other writers fill the audit log up to the file-size limit while the provider works
          fillAuditLogUpToTheLimitBut(ROOM);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      final byte[] body = "{\"username\":\"root\",\"password\":\"new-pw\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    api.start();
  }

  @AfterEach void stop() {
    release.countDown();
    api.stop(0);
  }

  private void fillAuditLogUpToTheLimitBut(int room) throws IOException {
    final long size = Files.size(audit);
    final String filler = "{\"event\":\"filler\",\"pad\":\"\"}\n";
    final long pad = FILE_SIZE_LIMIT_KIB * 1024L - room - size - filler.length();
    Files.writeString(audit, filler.replace("\"\"}", "\"" + "x".repeat((int) pad) + "\"}"),
        StandardOpenOption.APPEND);
  }

  /** credql.jar running the reset under the file-size limit, with SIGINT at its default as in a terminal. */
  private Process credql(String... extraJvm) throws IOException {
    final List<String> command = new ArrayList<>(List.of("bash", "-c",
        "ulimit -f " + FILE_SIZE_LIMIT_KIB + " && exec env --default-signal=INT \"$@\"", "bash"));
    command.addAll(CredqlJar.command(extraJvm));
    command.addAll(List.of("-u", "jdbc:credql:providers=" + AcmeApi.providers()
        + ";baseUrl.acme=http://127.0.0.1:" + api.getAddress().getPort() + "/v1;auditLog=" + audit,
        "-e", ROTATE));
    final ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(home.resolve("stdin")).toFile()))
        .redirectOutput(home.resolve("stdout").toFile())
        .redirectError(home.resolve("stderr").toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("CREDQL_TEST_TOKEN", AcmeApi.TOKEN);
    return builder.start();
  }

  private String stderr() throws IOException {
    return Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8);
  }

  @Test void aResetWhoseOutcomeMeetsTheFileSizeLimitIsReportedAsSentAndSucceeded() throws Exception {
    final Process process = credql("-Dorg.slf4j.simpleLogger.log.io.credql.call=debug");
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "credql.jar did not finish");
    final String err = stderr();
    assertEquals(1, process.exitValue(), err);
    assertTrue(err.contains("Warning in statement 1 (line 1): cannot write the audit log " + audit
        + " (File too large)"), err);
    assertTrue(err.contains("rotateThingSecret was sent and succeeded (HTTP 200)"), err);
    assertFalse(err.contains("not sent"), err);
    final String port = String.valueOf(api.getAddress().getPort());
    assertTrue(err.contains("POST http://127.0.0.1:" + port + "/v1/things/42/secret/rotate -> 200"), err);
    // the part of the outcome line that fitted was taken back: the log holds whole lines only
    assertEquals(FILE_SIZE_LIMIT_KIB * 1024L - ROOM, Files.size(audit));
    final AuditRecords records = AuditRecords.read(audit);
    assertEquals(List.of(), records.tornLines());
    assertEquals(List.of("intent", "filler"), records.records().stream().map(r -> r.get("event").asText()).toList());
  }

  @Test void aStalledResetStoppedBySigtermIsNamedWithItsCheckAndAuditedAsUnknown() throws Exception {
    assertAStalledResetStoppedBy("TERM", 143);
  }

  @Test void aStalledResetStoppedByCtrlCIsNamedWithItsCheckAndAuditedAsUnknown() throws Exception {
    assertAStalledResetStoppedBy("INT", 130);
  }

  /**
   * In the interactive shell, Ctrl-C cancels the running statement, as in psql, and the shell stays:
   * the reset's wait ends at once (its deadline is ten minutes away), the user is told it was in
   * flight with the SELECT that checks it, the audit log says {@code unknown}, and the next statement
   * runs. Each step waits for what it means (the banner, the request at the provider, the outcome
   * line, the next result) with bounds generous enough for a loaded machine.
   */
  @Test void ctrlCInTheShellCancelsAStalledResetNamesItsCheckAndTheShellGoesOn() throws Exception {
    stall = true;
    final Path terminal = home.resolve("terminal");
    final String command = "exec env HOME='" + home + "' CREDQL_TEST_TOKEN='" + AcmeApi.TOKEN + "' "
        + CredqlJar.shellCommand("-Duser.home=" + home) + " -u 'jdbc:credql:providers=" + AcmeApi.providers()
        + ";baseUrl.acme=http://127.0.0.1:" + api.getAddress().getPort() + "/v1;auditLog=" + audit
        + ";timeout=600'";
    final Process process = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null")
        .redirectErrorStream(true).redirectOutput(terminal.toFile()).start();
    try (OutputStream keyboard = process.getOutputStream()) {
      waitFor(() -> Files.readString(terminal).contains("!quit or Ctrl-D to leave"), 120);
      type(keyboard, ROTATE + ";\n");
      assertTrue(received.await(120, TimeUnit.SECONDS), "the reset never reached the provider");
      type(keyboard, "\u0003");
      // without the cancel the reset would wait out its ten-minute deadline
      waitFor(() -> Files.readString(terminal).contains("outcome unknown"), 120);
      type(keyboard, "SELECT 'still' || 'here' AS word;\n");
      waitFor(() -> Files.readString(terminal).contains("stillhere"), 120);
      type(keyboard, "!quit\n");
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the shell ended");
    final String shown = Files.readString(terminal);
    assertTrue(shown.contains("rotateThingSecret: outcome unknown: the statement was cancelled while the request"
        + " was in flight"), shown);
    assertTrue(shown.contains("SELECT * FROM acme.things.thing_secrets WHERE thingId = ..."), shown);
    final AuditRecords records = AuditRecords.read(audit);
    final JsonNode outcome = records.records().get(records.records().size() - 1);
    assertEquals("unknown", outcome.get("outcome").asText());
    assertEquals(records.records().get(0).get("id"), outcome.get("id"));
  }

  private static void type(OutputStream keyboard, String keys) throws IOException {
    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  private void assertAStalledResetStoppedBy(String signal, int exitStatus) throws Exception {
    stall = true;
    final Process process = credql();
    assertTrue(received.await(60, TimeUnit.SECONDS), "the reset never reached the provider");
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "credql.jar did not stop on SIG" + signal);
    final String err = stderr();
    assertEquals(exitStatus, process.exitValue(), err);
    assertTrue(err.contains("credql: interrupted: acme.things.thing_secrets.rotateThingSecret (POST http://127.0.0.1:"
        + api.getAddress().getPort() + "/v1/things/42/secret/rotate) was in flight: its outcome is unknown"), err);
    assertTrue(err.contains("check whether it took effect with SELECT * FROM acme.things.thing_secrets"
        + " WHERE thingId = ..."), err);
    final AuditRecords records = AuditRecords.read(audit);
    assertEquals(List.of(), records.tornLines());
    final JsonNode outcome = records.records().get(records.records().size() - 1);
    assertEquals("outcome", outcome.get("event").asText());
    assertEquals("unknown", outcome.get("outcome").asText());
    assertEquals(records.records().get(0).get("id"), outcome.get("id"));
  }
}
