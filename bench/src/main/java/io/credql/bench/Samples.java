package io.credql.bench;

import java.util.Arrays;

/** Timings of repeated runs, in nanoseconds. */
final class Samples {
  private final long[] nanos;

  Samples(long[] nanos) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
  }

  double medianMillis() {
    final int n = nanos.length;
    final double median = n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2.0;
    return median / 1e6;
  }

  double minMillis() {
    return nanos[0] / 1e6;
  }

  double maxMillis() {
    return nanos[nanos.length - 1] / 1e6;
  }

  int count() {
    return nanos.length;
  }
}
