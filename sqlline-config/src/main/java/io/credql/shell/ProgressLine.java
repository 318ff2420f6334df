package io.credql.shell;

import io.credql.call.CallProgress;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Shows how far a long fan-out is, {@code credql: 37/154 calls done}, on standard error once its
 * calls have run for {@link #DELAY}. On a terminal the line is rewritten in place and erased when
 * the calls are done, before any row is printed; otherwise a line is written at most every
 * {@link #LINE_PERIOD}.
 */
final class ProgressLine implements AutoCloseable, CallProgress.IdleListener {
  static final Duration DELAY = Duration.ofSeconds(2);
  /**
   * A shorter {@link #DELAY} in milliseconds, for tests that start the shell and should not wait
   * seconds for the line to appear; not documented for users.
   */
  static final String DELAY_PROPERTY = "credql.progressDelayMillis";
  static final Duration LINE_PERIOD = Duration.ofSeconds(1);
  private static final Duration TICK = Duration.ofMillis(250);

  private final CallProgress progress;
  private final PrintStream err;
  private final boolean inPlace;
  private final Duration delay;
  private final Duration linePeriod;
  private final ScheduledExecutorService timer;
  private String shown = "";
  private long lastLine;

  ProgressLine(CallProgress progress, PrintStream err, boolean inPlace, Duration delay) {
    this(progress, err, inPlace, delay, LINE_PERIOD);
  }

  /** A progress line that, when not {@code inPlace}, writes a line at most every {@code linePeriod}. */
  ProgressLine(CallProgress progress, PrintStream err, boolean inPlace, Duration delay,
      Duration linePeriod) {
    this.progress = requireNonNull(progress, "progress");
    this.err = requireNonNull(err, "err");
    this.inPlace = inPlace;
    this.delay = requireNonNull(delay, "delay");
    this.linePeriod = requireNonNull(linePeriod, "linePeriod");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread thread = new Thread(r, "credql-progress");
      thread.setDaemon(true);
      return thread;
    });
    progress.onIdle(this);
    timer.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A progress line for the calls of {@code connection}; null when it is not a credql connection. */
  static @Nullable ProgressLine of(Connection connection, PrintStream err, boolean inPlace) {
    try {
      return new ProgressLine(connection.unwrap(CallProgress.class), err, inPlace,
          Duration.ofMillis(Long.getLong(DELAY_PROPERTY, DELAY.toMillis())));
    } catch (SQLException e) {
      return null;
    }
  }

  /** What the line says for {@code snapshot}. */
  static String text(CallProgress.Snapshot snapshot) {
    return "credql: " + snapshot.done() + "/" + snapshot.planned() + " calls done";
  }

  private synchronized void tick() {
    final CallProgress.Snapshot snapshot = progress.snapshot();
    if (!snapshot.busy() || System.nanoTime() - snapshot.busySinceNanos() < delay.toNanos()) {
      return;
    }
    final String text = text(snapshot);
    if (text.equals(shown)) {
      return;
    }
    if (inPlace) {
      err.print("\r" + text + " ".repeat(Math.max(0, shown.length() - text.length())));
      shown = text;
    } else if (System.nanoTime() - lastLine >= linePeriod.toNanos() || shown.isEmpty()) {
      err.println(text);
      shown = text;
      lastLine = System.nanoTime();
    }
    err.flush();
  }

  /** The calls are done: the line goes, so rows start on a clean line. */
  @Override public synchronized void idle() {
    if (!shown.isEmpty() && inPlace) {
      err.print("\r" + " ".repeat(shown.length()) + "\r");
      err.flush();
    }
    shown = "";
  }

  @Override public void close() {
    timer.shutdownNow();
    progress.onIdle(null);
    idle();
  }
}
