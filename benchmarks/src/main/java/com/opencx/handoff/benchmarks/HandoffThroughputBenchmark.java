package com.opencx.handoff.benchmarks;

import com.opencx.handoff.benchmarks.reference.HandoffShape;
import com.opencx.handoff.benchmarks.reference.ReferenceRun;
import com.opencx.handoff.benchmarks.round.ProcessCpu;
import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.workflows.HandoffIds;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A handoff rate alone says little: on this shared machine the same code drifts by 2× between runs,
 * and a dev server's SQLite and a PostgreSQL-backed server differ by more than any change of ours.
 * So the product is measured against what Temporal itself gives on the same server, in the same
 * JVM, in the same minutes: a reference workflow of as many regular and local activities, in the
 * same order and on the same task queue split, with no-op bodies. Its shape is read from a
 * handoff's own history, never written down, so it follows the workflow as it changes (checked
 * against a measured handoff after the first round). The ratio is then the cost of what the product
 * does beyond those calls (the HTTP API, the codec, the emulators' HTTP, search attributes), with a
 * target of at least 0.9. A handoff counts once its last step, the audit, is written, not at its
 * work item; the pacer is lifted so Dataverse's request budget is not what is measured; rounds
 * alternate product and reference so drift falls on both; the product's handoffs stay open
 * afterwards, as they would. Usage: {@code ./mvnw -o -q -DskipTests -pl benchmarks -am package},
 * then {@code java -Dloader.path=benchmarks/target/classes
 * -Dloader.main=com.opencx.handoff.benchmarks.HandoffThroughputBenchmark -cp
 * devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher --handoffs 200 --concurrency 16
 * --rounds 2 --temporal 127.0.0.1:7233 --label "CLI dev server"} ({@code --temporal test-server}
 * for the Java test server in-process).
 */
public final class HandoffThroughputBenchmark {

  private static final Duration PATIENCE = Duration.ofMinutes(10);

  private HandoffThroughputBenchmark() {}

  /** One product round: its rate and each handoff's start → work item nanos. */
  private record ProductRound(double rate, long[] toWorkItem, String firstSession) {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int handoffs = Integer.parseInt(args.getOrDefault("handoffs", "200"));
    int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "16"));
    int rounds = Integer.parseInt(args.getOrDefault("rounds", "2"));
    String rps = args.getOrDefault("requests-per-second", "1000");
    String temporal = args.getOrDefault("temporal", "test-server");
    String label = args.getOrDefault("label", temporal);
    long serverPid = Long.parseLong(args.getOrDefault("server-pid", "-1"));
    TemporalService.Mode mode =
        temporal.equals("test-server")
            ? TemporalService.Mode.TEST_SERVER
            : TemporalService.Mode.EXTERNAL;
    System.out.println(
        "| Date | Server | Handoffs | Product handoffs/s (per round) | Reference workflows/s"
            + " (per round) | Ratio | Start → work item p50 / p95 ms | Activities per handoff"
            + " (regular / local) | CPU ms per handoff, product: this JVM / server | reference:"
            + " this JVM / server |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");

    DevStack.Ports ports =
        new DevStack.Ports(0, 0, 0, 0, BenchmarkSupport.freePort(), BenchmarkSupport.freePort());
    try (DevStack stack =
            DevStack.start(
                ports,
                mode,
                temporal,
                Files.createTempDirectory("bench"),
                Map.of("dynamics.requests-per-second", rps, "logging.level.root", "WARN"));
        ReferenceRun reference = new ReferenceRun(stack.temporalTarget())) {
      HandoffLoad load = new HandoffLoad(stack);
      load.warmUp();
      HandoffShape shape = shapeOf(reference, DemoData.SESSION_ID);
      System.err.println("a handoff's calls until idle (also the reference's): " + shape.calls());
      reference.start(shape);

      List<ProductRound> product = new ArrayList<>();
      double[] referenceRates = new double[rounds];
      Cpu productCpu = new Cpu(serverPid);
      Cpu referenceCpu = new Cpu(serverPid);
      for (int round = 0; round < rounds; round++) {
        productCpu.begin();
        product.add(productRound(stack, load, "bench-r" + round, handoffs, concurrency));
        productCpu.end();
        if (round == 0) {
          HandoffShape measured = shapeOf(reference, product.get(0).firstSession());
          if (!measured.equals(shape)) {
            throw new IllegalStateException(
                "a measured handoff's shape " + measured + " is not the warm-up's " + shape);
          }
        }
        referenceCpu.begin();
        long nanos = reference.run("reference-r" + round, handoffs, concurrency);
        referenceCpu.end();
        referenceRates[round] = handoffs / (nanos / 1e9);
        System.err.printf(
            Locale.ROOT,
            "round %d: product %.1f handoffs/s, reference %.1f workflows/s%n",
            round + 1,
            product.get(round).rate(),
            referenceRates[round]);
      }

      double[] productRates = product.stream().mapToDouble(ProductRound::rate).toArray();
      long[] toWorkItem =
          product.stream().flatMapToLong(r -> Arrays.stream(r.toWorkItem())).sorted().toArray();
      double productMean = Arrays.stream(productRates).average().orElseThrow();
      double referenceMean = Arrays.stream(referenceRates).average().orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %s | %s | %.2f | %d / %d | %s | %s | %s |%n",
          Instant.now().truncatedTo(ChronoUnit.MINUTES),
          label,
          handoffs,
          withRounds(productMean, productRates),
          withRounds(referenceMean, referenceRates),
          productMean / referenceMean,
          HandoffLoad.millis(toWorkItem, 0.5),
          HandoffLoad.millis(toWorkItem, 0.95),
          shape.describe(),
          productCpu.perHandoff(handoffs * rounds),
          referenceCpu.perHandoff(handoffs * rounds));
    }
    System.exit(0);
  }

  /**
   * {@code count} handoffs over the API; the rate is taken from the first start to the moment the
   * last of them wrote its audit (its sixth and last step).
   */
  private static ProductRound productRound(
      DevStack stack, HandoffLoad load, String prefix, int count, int concurrency)
      throws Exception {
    List<String> sessions = BenchmarkSupport.seedSessions(stack, prefix, count);
    long begin = System.nanoTime();
    Map<String, Long> submitted = load.start(sessions, concurrency, Duration.ZERO);
    long[] toWorkItem = load.awaitWorkItems(submitted, PATIENCE);
    load.awaitAudited(submitted, PATIENCE);
    double seconds = (System.nanoTime() - begin) / 1e9;
    return new ProductRound(count / seconds, toWorkItem, sessions.get(0));
  }

  private static HandoffShape shapeOf(ReferenceRun reference, String sessionId)
      throws InterruptedException {
    return HandoffShape.read(
        reference.client(), HandoffIds.workflowId(sessionId), Duration.ofSeconds(60));
  }

  /**
   * CPU time spent during one kind of round, by this JVM (API, worker, emulators, clients) and by
   * the Temporal server ({@code --server-pid}): where the product's extra cost goes when both share
   * the machine's cores.
   */
  private static final class Cpu {
    private final long serverPid;
    private long self;
    private long server;
    private long selfAtBegin;
    private long serverAtBegin;

    Cpu(long serverPid) {
      this.serverPid = serverPid;
    }

    void begin() {
      selfAtBegin = ProcessCpu.selfNanos();
      serverAtBegin = ProcessCpu.processNanos(serverPid);
    }

    void end() {
      self += ProcessCpu.selfNanos() - selfAtBegin;
      server += ProcessCpu.processNanos(serverPid) - serverAtBegin;
    }

    String perHandoff(int count) {
      return String.format(
          Locale.ROOT,
          "%.1f / %s",
          self / 1e6 / count,
          serverPid < 0 ? "?" : String.format(Locale.ROOT, "%.1f", server / 1e6 / count));
    }
  }

  /** "12.3 (11.9 / 12.7)": the mean, then each round's rate. */
  private static String withRounds(double mean, double[] rates) {
    return String.format(Locale.ROOT, "%.1f", mean)
        + " ("
        + Arrays.stream(rates)
            .mapToObj(rate -> String.format(Locale.ROOT, "%.1f", rate))
            .collect(Collectors.joining(" / "))
        + ")";
  }
}
