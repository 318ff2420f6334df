package io.credql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time this JVM has used, all of it and that of the fake provider's threads, so that a run's
 * cost per call can be told apart from its wall time on a machine whose cores are shared (the wall
 * time then mostly says how long threads waited for a core).
 */
final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTime() {
  }

  /** Nanoseconds of CPU the whole process has used. */
  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Nanoseconds of CPU used by the live threads whose names start with one of {@code prefixes}. */
  static long threadNanos(String... prefixes) {
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      for (String prefix : prefixes) {
        if (info.getThreadName().startsWith(prefix)) {
          final long nanos = THREADS.getThreadCpuTime(info.getThreadId());
          total += Math.max(0, nanos);
          break;
        }
      }
    }
    return total;
  }
}
