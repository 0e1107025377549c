package com.opencx.handoff.benchmarks.relay;

import com.opencx.handoff.devstack.DevStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the process holds at one moment of the relay benchmark: used heap after {@code System.gc()}
 * (twice, a moment apart, then read from the MemoryMXBean), live threads (ThreadMXBean) in all and
 * those of the Direct Line emulator's WebSocket server (its reader and writer threads, named {@code
 * directline-ws*}), which share the JVM with the worker; and the WebSockets open, counted twice: by
 * the emulator (conversations it is streaming) and as established TCP connections to its stream
 * port in {@code /proc/net/tcp{,6}} (the worker's client ends). The heap is the whole JVM's: the
 * worker, the API, the in-process Temporal test server when used, and the emulators' stores.
 */
public final class Gauges {

  /** One reading. */
  public record Reading(
      String phase,
      double heapMb,
      int threads,
      int emulatorSocketThreads,
      int streaming,
      int clientSockets) {

    /** Threads that are not the emulator's socket threads: the worker, API, Temporal, JVM. */
    public int otherThreads() {
      return threads - emulatorSocketThreads;
    }
  }

  private final DevStack stack;

  public Gauges(DevStack stack) {
    this.stack = stack;
  }

  public Reading read(String phase, Collection<String> conversations) throws InterruptedException {
    System.gc();
    Thread.sleep(300);
    System.gc();
    Thread.sleep(300);
    double heap =
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    int socketThreads = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("directline-ws")) {
        socketThreads++;
      }
    }
    return new Reading(
        phase, heap, threads, socketThreads, streaming(conversations), clientSockets());
  }

  /** Conversations the emulator streams to now. */
  public int streaming(Collection<String> conversations) {
    int n = 0;
    for (String id : conversations) {
      if (stack.directLine.isStreaming(id)) {
        n++;
      }
    }
    return n;
  }

  /** Live threads by name with digits dropped, most first: where the threads are. */
  public static Map<String, Integer> threadGroups() {
    Map<String, Integer> groups = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      groups.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return groups;
  }

  /** Established TCP connections whose remote port is the emulator's stream port. */
  private int clientSockets() {
    String base = stack.directLine.streamBaseUrl();
    int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    String hexPort = String.format(":%04X", port);
    int n = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[2].endsWith(hexPort) && f[3].equals("01")) {
            n++;
          }
        }
      } catch (IOException | RuntimeException unreadable) {
        return -1;
      }
    }
    return n;
  }
}
