package com.opencx.handoff.benchmarks;

import com.opencx.handoff.emulators.http.EmulatorControls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An emulator's requests counted once a second while a benchmark runs, for the steady rate: the
 * requests between the moments a tenth and nine tenths of them had arrived, over that time, so a
 * run's ramp-up and its tail do not dilute what the pacing achieves.
 */
final class RequestRate {

  private final EmulatorControls emulator;
  private final List<long[]> samples = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private RequestRate(EmulatorControls emulator) {
    this.emulator = emulator;
    this.sampler = new Thread(this::run, "request-rate");
    sampler.setDaemon(true);
  }

  static RequestRate sample(EmulatorControls emulator) {
    RequestRate rate = new RequestRate(emulator);
    rate.sampler.start();
    return rate;
  }

  private void run() {
    while (running) {
      synchronized (samples) {
        samples.add(new long[] {System.nanoTime(), emulator.requestCount()});
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
    synchronized (samples) {
      samples.add(new long[] {System.nanoTime(), emulator.requestCount()});
    }
  }

  /** Requests a second between a tenth and nine tenths of the total. */
  double steady() {
    synchronized (samples) {
      long total = samples.get(samples.size() - 1)[1];
      long[] from = first(total / 10);
      long[] to = first(total * 9 / 10);
      double seconds = (to[0] - from[0]) / 1e9;
      return seconds <= 0 ? Double.NaN : (to[1] - from[1]) / seconds;
    }
  }

  private long[] first(long atLeast) {
    for (long[] sample : samples) {
      if (sample[1] >= atLeast) {
        return sample;
      }
    }
    return samples.get(samples.size() - 1);
  }

  /**
   * The request log's lines ({@code METHOD target STATUS [note]}) counted by status. A target may
   * hold spaces (a decoded query), a note starts with {@code [}: the status is the last word before
   * it.
   */
  static Map<String, Long> byStatus(List<String> log) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : log) {
      int note = line.endsWith("]") ? line.indexOf(" [") : -1;
      String head = note >= 0 ? line.substring(0, note) : line;
      counts.merge(head.substring(head.lastIndexOf(' ') + 1), 1L, Long::sum);
    }
    return counts;
  }
}
