package io.credql.call;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How far the provider calls of a connection's running fan-outs are: how many are planned and how
 * many are done. A shell shows it while a statement takes long ({@code connection.unwrap(CallProgress.class)}).
 *
 * <p>A fan-out plans its calls when it starts and each further page when it reaches it; calls a
 * closed scan never made are given up. When every planned call is done or given up, the
 * connection is idle again and the listener hears so before any row of the last call is returned,
 * so a progress line can be cleared before the rows are printed.
 */
public final class CallProgress {
  /** Told when the connection becomes idle. */
  public interface IdleListener {
    void idle();
  }

  /** Calls planned and done since the connection was last idle, and when it stopped being idle. */
  public record Snapshot(long planned, long done, long busySinceNanos) {
    public boolean busy() {
      return done < planned;
    }
  }

  private long planned;
  private long done;
  private long busySince;
  private @Nullable IdleListener listener;

  /** Sets who hears when the connection becomes idle (null: nobody). */
  public synchronized void onIdle(@Nullable IdleListener idleListener) {
    this.listener = idleListener;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(planned, done, busySince);
  }

  /** {@code calls} more calls will be made. */
  public synchronized void planned(int calls) {
    if (calls <= 0) {
      return;
    }
    if (done >= planned) {
      planned = 0;
      done = 0;
      busySince = System.nanoTime();
    }
    planned += calls;
  }

  /** One planned call is done. */
  public void done() {
    finish(1, 0);
  }

  /** {@code calls} planned calls will not be made (their scan was closed early). */
  public void givenUp(int calls) {
    finish(0, calls);
  }

  private void finish(int finished, int dropped) {
    final IdleListener toTell;
    synchronized (this) {
      done += finished;
      planned -= dropped;
      if (done < planned || (finished == 0 && dropped == 0)) {
        return;
      }
      toTell = listener;
    }
    if (toTell != null) {
      toTell.idle();
    }
  }
}
