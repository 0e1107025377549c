package com.opencx.handoff.benchmarks.media;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Peak live heap while something runs: a background thread forces a full collection ({@code
 * System.gc()}, which the JDK's collectors honour with a stop-the-world full GC unless {@code
 * -XX:+DisableExplicitGC}) back to back and reads the heap's used bytes right after each, so every
 * sample is what survived, i.e. was reachable at that moment. The peak of the samples is a lower
 * bound of the true peak (a short-lived copy can fall between two collections), which is why the
 * benchmark repeats each upload and keeps the highest.
 */
final class LiveHeapSampler implements AutoCloseable {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;
  private volatile int samples;

  LiveHeapSampler() {
    thread = new Thread(this::sample, "live-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Used heap right after a full collection. */
  static long liveNow() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private void sample() {
    while (running) {
      long used = liveNow();
      if (used > peak) {
        peak = used;
      }
      samples++;
    }
  }

  long peak() {
    return peak;
  }

  int samples() {
    return samples;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
