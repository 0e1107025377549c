package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What {@code --handoffs} open handoffs cost while they only wait on their window timers: the
 * worker's live heap and threads (one worker process, its workflow cache at the SDK's default
 * unless {@code --cache} says otherwise), the Temporal server's resident memory ({@code
 * --server-pid}), and a new handoff's start → work item latency, measured before and after on the
 * same stack so the ratio is what the open ones cost. Needs an external Temporal ({@code --temporal
 * host:port}). Usage: see docs/benchmarks.md "Idle".
 */
public final class IdleHandoffsBenchmark {

  private IdleHandoffsBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int handoffs = Integer.parseInt(args.getOrDefault("handoffs", "10000"));
    int probes = Integer.parseInt(args.getOrDefault("probes", "20"));
    String temporal = args.get("temporal");
    String serverPid = args.get("server-pid");
    String cache = args.getOrDefault("cache", "600");
    Path dir = Files.createTempDirectory("bench-idle");
    DevStack.Ports ports =
        new DevStack.Ports(0, 0, 0, 0, BenchmarkSupport.freePort(), BenchmarkSupport.freePort());
    Map<String, Object> quiet =
        Map.of("dynamics.requests-per-second", "1000", "logging.level.root", "WARN");
    try (DevStack stack =
        DevStack.start(ports, TemporalService.Mode.EXTERNAL, temporal, dir, quiet)) {
      stack.stopWorker();
      try (WorkerProcess worker =
          WorkerProcess.start(
              stack,
              Map.of(
                  "spring.temporal.workflow-cache.max-instances", cache,
                  "spring.temporal.workflow-cache.max-threads", cache),
              "1g",
              dir.resolve("worker.log"))) {
        HandoffLoad load = new HandoffLoad(stack);
        load.warmUp();
        long[] before = probe(stack, load, probes);
        Sample empty = Sample.of(worker, serverPid);

        List<String> sessions = BenchmarkSupport.seedSessions(stack, "idle", handoffs);
        long t0 = System.nanoTime();
        load.awaitWorkItems(load.start(sessions, 16, Duration.ZERO), Duration.ofMinutes(60));
        double fill = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(30_000); // the last workflow tasks and local activities settle
        Sample open = Sample.of(worker, serverPid);
        long[] after = probe(stack, load, probes);

        System.out.printf(
            "| %s | %d | %s | %.0f s | %.0f → %.0f MiB | %.0f → %.0f | %.0f | %s → %s MiB"
                + " | %d / %d → %d / %d ms |%n",
            Instant.now().truncatedTo(ChronoUnit.MINUTES),
            handoffs,
            cache,
            fill,
            empty.heapMib,
            open.heapMib,
            empty.threads,
            open.threads,
            open.cached,
            empty.serverMib,
            open.serverMib,
            HandoffLoad.millis(before, 0.5),
            HandoffLoad.millis(before, 0.95),
            HandoffLoad.millis(after, 0.5),
            HandoffLoad.millis(after, 0.95));
      }
    }
    System.exit(0);
  }

  /** New handoffs one at a time, each waited for: the latency a customer sees. */
  private static long[] probe(DevStack stack, HandoffLoad load, int count) throws Exception {
    List<String> sessions = BenchmarkSupport.seedSessions(stack, "probe", count);
    long[] each = new long[count];
    for (int i = 0; i < count; i++) {
      each[i] =
          load.awaitWorkItems(
                  load.start(List.of(sessions.get(i)), 1, Duration.ZERO), Duration.ofMinutes(2))[0];
    }
    java.util.Arrays.sort(each);
    return each;
  }

  /** The worker's live heap after a full GC, its threads and cache, the server's RSS. */
  private record Sample(double heapMib, double threads, double cached, String serverMib) {
    static Sample of(WorkerProcess worker, String serverPid) throws Exception {
      worker.collectGarbage();
      return new Sample(
          worker.metric("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20),
          worker.metric("jvm_threads_live_threads", null),
          worker.metric("temporal_sticky_cache_size", null),
          serverPid == null ? "?" : "" + residentMib(serverPid));
    }

    private static long residentMib(String pid) throws Exception {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
      return -1;
    }
  }
}
