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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code java -jar credql.jar} says about a reset when things go wrong around it: the audit
 * log's disk fills while the provider works, or the process is stopped while the reset stalls.
 * Either way the user learns what was sent and what is known, and the audit log agrees.
 */
class MutationOutcomeIT {
  private static final String ROTATE = "EXEC acme.things.thing_secrets.rotateThingSecret @thingId = 42";

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
        if (stall) {
          release.await(60, TimeUnit.SECONDS);
        } else {
          // the disk fills while the provider works: the outcome line cannot be written
          Files.delete(audit);
          Files.createDirectory(audit);
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

  private Process credql(String... extraJvm) throws IOException {
    final List<String> command = CredqlJar.command(extraJvm);
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

  @Test void aResetWhoseOutcomeCannotBeAuditedIsReportedAsSentAndSucceeded() throws Exception {
    final Process process = credql("-Dorg.slf4j.simpleLogger.log.io.credql.call=debug");
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "credql.jar did not finish");
    final String err = stderr();
    assertEquals(1, process.exitValue(), err);
    assertTrue(err.contains("Warning in statement 1 (line 1): cannot write the audit log " + audit),
        err);
    assertTrue(err.contains("rotateThingSecret was sent and succeeded (HTTP 200)"), err);
    assertFalse(err.contains("not sent"), err);
    final String port = String.valueOf(api.getAddress().getPort());
    assertTrue(err.contains("POST http://127.0.0.1:" + port + "/v1/things/42/secret/rotate -> 200"), err);
  }

  @Test void aStalledResetStoppedBySigtermIsNamedWithItsCheckAndAuditedAsUnknown() throws Exception {
    stall = true;
    final Process process = credql();
    assertTrue(received.await(60, TimeUnit.SECONDS), "the reset never reached the provider");
    process.destroy();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "credql.jar did not stop on SIGTERM");
    final String err = stderr();
    assertEquals(143, process.exitValue(), err);
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
