package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A burst of {@code --handoffs} starts within {@code --spread} against the Dataverse emulator
 * enforcing Dataverse's service-protection limits ({@code --limit} requests per {@code --window},
 * {@code --max-concurrent} in flight, 429 with {@code Retry-After} beyond them), carried by {@code
 * --workers} worker processes that all have the same settings: the deployment's budget {@code
 * --requests-per-second}, undivided. Reports whether every handoff got its work item, the share of
 * Dataverse's answers that were 429, the goodput (Dataverse requests answered 2xx a second, against
 * the budget: over the whole drain, and steady, between a tenth and nine tenths of the requests)
 * and start → work item p50/p95. Needs an external Temporal ({@code --temporal host:port}). Usage:
 * see docs/benchmarks.md "Burst".
 */
public final class BurstBenchmark {

  private BurstBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int handoffs = Integer.parseInt(args.getOrDefault("handoffs", "2000"));
    int workers = Integer.parseInt(args.getOrDefault("workers", "1"));
    Duration spread = Duration.ofSeconds(Long.parseLong(args.getOrDefault("spread", "10")));
    int budget = Integer.parseInt(args.getOrDefault("requests-per-second", "20"));
    int limit = Integer.parseInt(args.getOrDefault("limit", "6000"));
    Duration window = Duration.ofSeconds(Long.parseLong(args.getOrDefault("window", "300")));
    int retryAfter = Integer.parseInt(args.getOrDefault("retry-after", "10"));
    int maxConcurrent = Integer.parseInt(args.getOrDefault("max-concurrent", "52"));
    Path dir = Files.createTempDirectory("bench-burst");
    DevStack.Ports ports =
        new DevStack.Ports(0, 0, 0, 0, BenchmarkSupport.freePort(), BenchmarkSupport.freePort());
    Map<String, Object> settings =
        Map.of("dynamics.requests-per-second", budget, "logging.level.root", "WARN");
    try (DevStack stack =
        DevStack.start(ports, TemporalService.Mode.EXTERNAL, args.get("temporal"), dir, settings)) {
      stack.stopWorker();
      List<WorkerProcess> started = new ArrayList<>();
      try {
        for (int i = 0; i < workers; i++) {
          started.add(
              WorkerProcess.start(stack, Map.of(), "768m", dir.resolve("worker-" + i + ".log")));
        }
        HandoffLoad load = new HandoffLoad(stack);
        load.warmUp();
        List<String> sessions = BenchmarkSupport.seedSessions(stack, "burst", handoffs);
        stack.dataverse.limitRequests(limit, window, retryAfter);
        stack.dataverse.limitConcurrency(maxConcurrent);
        stack.dataverse.resetCounters();

        RequestRate rate = RequestRate.sample(stack.dataverse);
        long begin = System.nanoTime();
        long[] toWorkItem =
            load.awaitWorkItems(load.start(sessions, 32, spread), Duration.ofMinutes(60));
        double drain = (System.nanoTime() - begin) / 1e9;
        rate.stop();
        Map<String, Long> byStatus = RequestRate.byStatus(stack.dataverse.requestLog());
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long throttled = byStatus.getOrDefault("429", 0L);
        long ok =
            byStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        System.out.printf(
            "| %s | %d in %d s | %d | %d | %d/%d s, %d | %d of %d | %d | %d (%.2f %%)"
                + " | %.1f/s (%.0f %%) | %.1f/s (%.0f %%) | %.0f s | %d | %d |%n",
            Instant.now().truncatedTo(ChronoUnit.MINUTES),
            handoffs,
            spread.toSeconds(),
            workers,
            budget,
            limit,
            window.toSeconds(),
            maxConcurrent,
            toWorkItem.length,
            handoffs,
            all,
            throttled,
            100.0 * throttled / all,
            ok / drain,
            100.0 * ok / drain / budget,
            rate.steady(),
            100.0 * rate.steady() / budget,
            drain,
            HandoffLoad.millis(toWorkItem, 0.5) / 1000,
            HandoffLoad.millis(toWorkItem, 0.95) / 1000);
      } finally {
        for (WorkerProcess worker : started) {
          worker.close();
        }
      }
    }
    System.exit(0);
  }
}
