package io.credql.sandbox;

/**
 * Counts requests in fixed windows aligned to the clock (as Linode's {@code X-RateLimit-Reset}, an
 * epoch second, suggests) and says whether one more may pass. Thread-safe.
 */
public final class RateLimitWindow {
  /** What the rate-limit headers of one response report. */
  public record Usage(boolean allowed, int limit, int remaining, long resetEpochSecond, long retryAfterSeconds) {
  }

  private final int limit;
  private final long windowMillis;
  private final boolean enforced;
  private long windowStart;
  private int used;

  /**
   * A window of {@code limit} requests per {@code windowMillis}; when not {@code enforced} it only
   * counts (the headers still report usage) and never refuses.
   */
  public RateLimitWindow(int limit, long windowMillis, boolean enforced) {
    if (limit < 1 || windowMillis < 1000 || windowMillis % 1000 != 0) {
      throw new IllegalArgumentException("limit must be positive and the window whole seconds");
    }
    this.limit = limit;
    this.windowMillis = windowMillis;
    this.enforced = enforced;
  }

  /** Counts one request at {@code nowMillis}, unless the window is full and limits are enforced. */
  public synchronized Usage take(long nowMillis) {
    roll(nowMillis);
    final boolean allowed = !enforced || used < limit;
    if (allowed) {
      used++;
    }
    return usage(allowed, nowMillis);
  }

  /** The usage at {@code nowMillis}, counting nothing (for requests refused before the limit applies). */
  public synchronized Usage peek(long nowMillis) {
    roll(nowMillis);
    return usage(true, nowMillis);
  }

  private void roll(long nowMillis) {
    final long start = nowMillis - Math.floorMod(nowMillis, windowMillis);
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
  }

  private Usage usage(boolean allowed, long nowMillis) {
    final long end = windowStart + windowMillis;
    final long retryAfter = Math.max(1, (end - nowMillis + 999) / 1000);
    return new Usage(allowed, limit, Math.max(0, limit - used), end / 1000, retryAfter);
  }
}
