package io.credql.shell;

import io.credql.call.CallProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.credql.shell.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line of long fan-outs, on a terminal and in a log. */
class ProgressLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String shown() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test void onATerminalTheLineIsRewrittenThenErasedBeforeRowsArePrinted() throws Exception {
    final CallProgress progress = new CallProgress();
    try (ProgressLine line = new ProgressLine(progress, err, true, Duration.ofMillis(100))) {
      progress.planned(10);
      waitFor(() -> shown().contains("\rcredql: 0/10 calls done"), 5);
      for (int i = 0; i < 4; i++) {
        progress.done();
      }
      waitFor(() -> shown().contains("\rcredql: 4/10 calls done"), 5);
      for (int i = 0; i < 6; i++) {
        progress.done();
      }
      // erased at once by the call that finished last, before its rows reach the shell
      final String erase = "\r" + " ".repeat("credql: 4/10 calls done".length()) + "\r";
      assertTrue(shown().endsWith(erase), shown());
      Thread.sleep(300); // more than a tick of the line's timer
      assertTrue(shown().endsWith(erase), "nothing after the calls are done: " + shown());
    }
  }

  @Test void aShortFanOutShowsNothing() throws Exception {
    final CallProgress progress = new CallProgress();
    try (ProgressLine line = new ProgressLine(progress, err, true, Duration.ofSeconds(1))) {
      // calls done within the delay, the timer ticking meanwhile (every 250 ms)
      progress.planned(3);
      Thread.sleep(300);
      progress.done();
      progress.givenUp(2);
      Thread.sleep(300);
    }
    assertEquals("", shown());
  }

  @Test void inALogEachLineIsWholeAndTheyComeAtMostOncePerPeriod() throws Exception {
    final CallProgress progress = new CallProgress();
    // a period of half a second (users get one second), twice the timer's tick
    final Duration period = Duration.ofMillis(500);
    final long started = System.nanoTime();
    try (ProgressLine line = new ProgressLine(progress, err, false, Duration.ofMillis(100), period)) {
      progress.planned(40);
      for (int i = 0; i < 40; i++) {
        Thread.sleep(20);
        progress.done();
      }
    }
    final long periods = (System.nanoTime() - started) / period.toNanos();
    final String[] lines = shown().split("\n");
    assertTrue(lines.length >= 1 && lines.length <= periods + 1, periods + " periods: " + shown());
    for (String each : lines) {
      assertTrue(each.matches("credql: \\d+/40 calls done"), shown());
    }
  }

  @Test void aScanClosedEarlyGivesUpItsCallsAndTheConnectionIsIdle() {
    final CallProgress progress = new CallProgress();
    final int[] idle = {0};
    progress.onIdle(() -> idle[0]++);
    progress.planned(5);
    progress.done();
    assertTrue(progress.snapshot().busy());
    progress.givenUp(4);
    assertEquals(false, progress.snapshot().busy());
    assertEquals(1, idle[0]);
    progress.planned(2);
    assertEquals(new CallProgress.Snapshot(2, 0, progress.snapshot().busySinceNanos()), progress.snapshot());
  }
}
