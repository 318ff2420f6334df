package io.credql.call;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.credql.document.MethodDefinition;
import io.credql.session.ProviderCatalog;
import io.credql.document.ProviderDocument;
import io.credql.error.CredqlException;
import io.credql.error.ProviderErrorException;
import io.credql.error.ProviderResponseException;
import io.credql.error.ProviderUnreachableException;
import io.credql.config.ConnectionProperties;
import io.credql.session.CredqlSession;
import io.credql.config.Environment;
import io.credql.spi.BoundCall;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How one request fares against a misbehaving provider: throttling waited out as long as asked,
 * transient failures retried, oversized or endless answers stopped with a message that is true.
 * Waits run on a virtual clock, so the minutes they stand for cost no real time.
 */
class RequestSenderTest {
  private static final String PAGE = "{\"items\":[{\"id\":1}]}";

  @RegisterExtension static final WireMockExtension api = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true)).build();

  private VirtualClock clock = new VirtualClock();
  private CredqlSession session;

  @AfterEach void close() {
    if (session != null) {
      session.close();
    }
  }

  private ProviderClient client(String extra, long bodyLimit) throws CredqlException {
    final Properties properties = new Properties();
    properties.setProperty("baseUrl.pager", "http://127.0.0.1:" + api.getPort() + "/v1");
    properties.setProperty("auditLog", Paths.get("target/request-sender-audit.jsonl").toAbsolutePath().toString());
    for (String pair : extra.split(";")) {
      if (!pair.isEmpty()) {
        properties.setProperty(pair.split("=")[0], pair.split("=")[1]);
      }
    }
    final ProviderCatalog catalog = ProviderCatalog.create(List.of(),
        List.of(Paths.get("src/test/resources/paging").toAbsolutePath()));
    session = new CredqlSession(ConnectionProperties.parse(properties), catalog,
        new Environment(Map.of("CREDQL_TEST_TOKEN", "t0ken"), Map.of()), Map.of());
    final ProviderDocument provider = catalog.provider("pager");
    return new ProviderClient(session, provider, clock, bodyLimit);
  }

  private Page list(ProviderClient client) throws CredqlException {
    final MethodDefinition method = client.provider().service("items").resource("by_cursor").method("list");
    return client.fetch(client.prepare(new BoundCall(method, Map.of(), null)));
  }

  private static int requests() {
    return api.findAll(getRequestedFor(anyUrl())).size();
  }

  private static void failThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    api.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(failure).willSetStateTo("ok"));
    api.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(PAGE)));
  }

  @Test void aThrottledReadWaitsAsLongAsRetryAfterSaysAndPausesTheWholeProvider() throws CredqlException {
    failThenSucceed(aResponse().withStatus(429).withHeader("Retry-After", "30"));
    final long started = System.nanoTime();
    assertEquals(1, list(client("", ResponseBodyReader.DEFAULT_LIMIT)).rows().size());
    assertEquals(Duration.ofSeconds(30), clock.slept());
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "no real wait");
    assertEquals(2, requests());
  }

  @Test void aReadThrottledWithoutRetryAfterGivesUpWithinItsTimeoutAndSaysWhatToDo() {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class,
        () -> list(client("timeout=3", ResponseBodyReader.DEFAULT_LIMIT)));
    assertEquals(429, e.httpStatus());
    assertTrue(clock.slept().compareTo(Duration.ofSeconds(3)) <= 0, "waits stay inside timeout=3: " + clock.slept());
    final int attempts = requests();
    assertTrue(attempts > 1 && attempts < RetryPolicy.THROTTLED_ATTEMPTS, "retried a few times: " + attempts);
    assertTrue(e.getMessage().contains("kept answering HTTP 429 (too many requests) to " + attempts + " attempts"),
        e.getMessage());
    assertTrue(e.getMessage().contains("past this read's timeout=3 s"), e.getMessage());
    assertTrue(e.getMessage().contains("Lower concurrency=<n>") && e.getMessage().contains("raise timeout=<seconds>"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test void aRetryAfterLongerThanWhatIsLeftOfTheTimeoutFailsAtOnceWithoutWaiting() {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "40")));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class,
        () -> list(client("timeout=3", ResponseBodyReader.DEFAULT_LIMIT)));
    assertEquals(Duration.ZERO, clock.slept(), "no wait that would end past the deadline is begun");
    assertEquals(1, requests());
    assertTrue(e.getMessage().contains("answered HTTP 429 (too many requests) to 1 attempt"), e.getMessage());
    assertTrue(e.getMessage().contains("the next wait (40.0 s, as its Retry-After asked) would end past this"
        + " read's timeout=3 s"), e.getMessage());
  }

  @Test void aReadThatFindsTheProviderPausedPastItsTimeoutIsNotSentAndSaysWhy() throws CredqlException {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
    final ProviderClient client = client("timeout=50", ResponseBodyReader.DEFAULT_LIMIT);
    assertThrows(ProviderErrorException.class, () -> list(client));
    // the 429 paused the whole provider for 60 s: the next read cannot be answered within its 50 s
    final ProviderErrorException e = assertThrows(ProviderErrorException.class, () -> list(client));
    assertEquals(1, requests(), "the second read was not sent");
    assertEquals(Duration.ZERO, clock.slept());
    assertTrue(e.getMessage().contains("is throttling this connection: an earlier HTTP 429 (too many requests)"
        + " holds every request to it back for 60.0 s more, past this read's timeout=50 s; this read was not sent"),
        e.getMessage());
  }

  @Test void aReadIsRetriedThreeTimesWithGrowingBackoffThenFailsNamingTheStatus() throws CredqlException {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"try later\"}")));
    final ProviderErrorException e = assertThrows(ProviderErrorException.class,
        () -> list(client("", ResponseBodyReader.DEFAULT_LIMIT)));
    assertEquals(503, e.httpStatus());
    assertTrue(e.getMessage().contains("try later"), e.getMessage());
    assertEquals(RetryPolicy.READ_ATTEMPTS, requests());
    assertTrue(clock.slept().compareTo(Duration.ofMillis(125 + 250 + 500)) >= 0, "backed off: " + clock.slept());
  }

  @Test void aGzipBombIsStoppedAtTheLimitAndNotRetried() throws Exception {
    final Buffer compressed = new Buffer();
    try (okio.BufferedSink gzip = Okio.buffer(new GzipSink(compressed))) {
      gzip.writeUtf8("{\"items\":[");
      for (int i = 0; i < 64; i++) {
        gzip.writeUtf8(" ".repeat(16 * 1024));
      }
      gzip.writeUtf8("]}");
    }
    final byte[] bomb = compressed.readByteArray();
    assertTrue(bomb.length < 8 * 1024, "the bomb is small on the wire: " + bomb.length);
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("Content-Encoding", "gzip").withBody(bomb)));
    final ProviderResponseException e = assertThrows(ProviderResponseException.class,
        () -> list(client("", 256 * 1024)));
    assertTrue(e.getMessage().contains("is larger than 262144 bytes once decompressed"), e.getMessage());
    assertEquals(1, requests(), "a too-large answer is final, not transient");
  }

  @Test void aSuccessfulJsonBodyIsKeptAsItsBytesForTheDecoderToStream() throws CredqlException {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(PAGE)));
    final ProviderClient client = client("", ResponseBodyReader.DEFAULT_LIMIT);
    final MethodDefinition method = client.provider().service("items").resource("by_cursor").method("list");
    final HttpExchange exchange = client.send(client.prepare(new BoundCall(method, Map.of(), null)));
    assertEquals(PAGE, new String(exchange.body(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, ResponseDecoder.decode(exchange).rowCount());
  }

  @Test void aServerThatDripsItsAnswerMeetsTheTimeoutOnEachAttemptAndTheMessageSaysSo() throws CredqlException {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(" ".repeat(200) + PAGE).withChunkedDribbleDelay(20, 4000)));
    // timeout=1 lasts a quarter second in real time: 4 attempts take about 1 s, not 4
    clock = VirtualClock.withTimeoutsShortenedTo(25);
    final ProviderClient client = client("timeout=1", ResponseBodyReader.DEFAULT_LIMIT);
    final long started = System.nanoTime();
    final ProviderUnreachableException e = assertThrows(ProviderUnreachableException.class, () -> list(client));
    final Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(e.getMessage().contains("no answer within 1 s on each attempt"), e.getMessage());
    assertTrue(e.getMessage().contains("after " + RetryPolicy.READ_ATTEMPTS + " attempts"), e.getMessage());
    // the bytes keep coming for 4 s: an attempt that waited for them would take that alone
    assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0,
        "each attempt ends at its timeout although bytes keep coming: " + took);
  }

  @Test void aReadInterruptedWhileWaitingIsNotRetriedNorCalledATimeout() throws Exception {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(PAGE).withFixedDelay(1500)));
    final ProviderClient client = client("timeout=1", ResponseBodyReader.DEFAULT_LIMIT);
    final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    final Thread reader = new Thread(() -> {
      try {
        list(client);
      } catch (CredqlException e) {
        failure.set(e);
      }
    });
    reader.start();
    Thread.sleep(300);
    reader.interrupt();
    reader.join(10_000);
    assertTrue(failure.get() instanceof ProviderUnreachableException, String.valueOf(failure.get()));
    assertTrue(failure.get().getMessage().contains("interrupted"), failure.get().getMessage());
    assertEquals(1, requests(), "not retried once interrupted");
  }

  @Test void credentialsGoWithEveryAttempt() throws CredqlException {
    failThenSucceed(aResponse().withStatus(502));
    list(client("", ResponseBodyReader.DEFAULT_LIMIT));
    assertEquals(2, api.findAll(getRequestedFor(anyUrl())
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer t0ken"))).size());
  }

  /** The one-line error {@code hostile} gives a listing, which must quote nothing the provider sent. */
  private String refusal(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder hostile, String sent) {
    api.stubFor(get(anyUrl()).willReturn(hostile));
    final CredqlException e = assertThrows(CredqlException.class, () -> list(client("", ResponseBodyReader.DEFAULT_LIMIT)));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains(sent), e.getMessage());
    return e.getMessage();
  }

  @Test void aBodyNestedAHundredThousandDeepIsRefusedInOneLine() {
    final String message = refusal(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"items\":[{\"id\": 1, \"deep\": " + "[".repeat(100_000) + "]".repeat(100_000)
            + "}], \"note\": \"Deep-Secret-1\"}"),
        "Deep-Secret-1");
    assertTrue(message.contains("is not valid JSON") && message.contains("deeper than"), message);
  }

  @Test void notANumberIsNotValidJsonAndTheValueIsNotQuoted() {
    final String message = refusal(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"items\":[{\"id\":NaN, \"password\": Unquoted-Secret-2}]}"), "Unquoted-Secret-2");
    assertTrue(message.contains("is not valid JSON"), message);
  }

  @Test void aHugeHeaderIsRefusedWithoutQuotingIt() {
    refusal(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("X-Echo", "Header-Secret-3" + "x".repeat(512 * 1024)).withBody(PAGE), "Header-Secret-3");
  }

  @Test void aContentLengthOfAGigabyteWithAShortBodyIsAnAnswerCutShortNotRows() {
    // nothing is allocated for the announced gigabyte: the body is read as it comes, and ends early
    final String message = refusal(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("Content-Length", String.valueOf(1L << 30)).withBody(PAGE), "\"items\"");
    assertTrue(message.contains("answered, but the answer (HTTP 200) was cut short: " + PAGE.length()
        + " of 1073741824 announced bytes arrived"), message);
    assertFalse(message.contains("cannot reach"), message);
  }

  @Test void anAnswerCutShortIsRetriedAsAReadAndTheLastAttemptIsReported() {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withHeader("Content-Length", "1000").withBody(PAGE)));
    final ProviderResponseException e = assertThrows(ProviderResponseException.class,
        () -> list(client("", ResponseBodyReader.DEFAULT_LIMIT)));
    assertTrue(e.getMessage().contains("cut short") && e.getMessage().contains("on each of "
        + RetryPolicy.READ_ATTEMPTS + " attempts"), e.getMessage());
    assertEquals(RetryPolicy.READ_ATTEMPTS, requests());
  }
}
