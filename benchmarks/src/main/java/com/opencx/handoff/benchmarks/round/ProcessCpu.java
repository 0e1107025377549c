package com.opencx.handoff.benchmarks.round;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed so far by this JVM (the whole stack of one version: API, worker, emulators and
 * the round's own clients) and by the Temporal server process, read from {@code /proc/<pid>/stat}
 * (user + system time, in Linux's fixed 100 ticks a second). On a shared machine, CPU time per
 * handoff moves much less with other load than wall-clock throughput does, so it is the steadier
 * way to see what fewer history events save on both sides of the gRPC connection. -1 when it cannot
 * be read (not Linux, no pid given).
 */
public final class ProcessCpu {

  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private ProcessCpu() {}

  public static long selfNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  public static long processNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces: state is
      // field 3 of the whole line, utime 14 and stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  /** Milliseconds per handoff between two readings, or NaN if either was unreadable. */
  public static double msPerHandoff(long before, long after, int handoffs) {
    return before < 0 || after < 0 ? Double.NaN : (after - before) / 1e6 / handoffs;
  }
}
