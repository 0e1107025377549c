package com.opencx.handoff.benchmarks;

import com.opencx.handoff.benchmarks.relay.Gauges;
import com.opencx.handoff.benchmarks.relay.RelayHandoffs;
import com.opencx.handoff.benchmarks.relay.RelayReport;
import com.opencx.handoff.benchmarks.relay.ReplyTimer;
import com.opencx.handoff.benchmarks.relay.ReplyTimer.Target;
import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * The reply relay with N open conversations on the Direct Line route, against the emulators: N real
 * handoffs through the HTTP API until each is HandedOff, then one rep reply in every conversation
 * (so all are hot and streamed), the rep → customer latency of M sampled replies while hot, a wait
 * past {@code directline.relay.hot-for} until no conversation is streamed, the Direct Line requests
 * of an idle window scaled to per conversation per hour, and the latency of M replies into idle
 * conversations; heap, threads and open WebSockets are read before the handoffs and in each phase.
 * Prints a Markdown table (see {@link RelayReport}); numbers are compared within one run, never
 * against a fixed limit. Usage in docs/benchmarks.md ("Rep replies").
 */
public final class RepRelayBenchmark {

  private RepRelayBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int conversations = Integer.parseInt(args.getOrDefault("conversations", "1000"));
    int samples = Math.min(conversations, Integer.parseInt(args.getOrDefault("samples", "200")));
    int batch = Integer.parseInt(args.getOrDefault("batch", "50"));
    int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "16"));
    String hotFor = args.getOrDefault("hot-for", "3m");
    String idleEvery = args.getOrDefault("idle-every", "30s");
    Duration idleWindow = DurationStyle.detectAndParse(args.getOrDefault("idle-window", "90s"));
    Duration hotSpread = DurationStyle.detectAndParse(args.getOrDefault("hot-spread", "5s"));
    boolean allHot = Boolean.parseBoolean(args.getOrDefault("all-hot", "true"));
    Path out = Path.of(args.getOrDefault("out", "benchmarks/target/rep-relay.md"));
    String temporal = args.getOrDefault("temporal", "test-server");
    TemporalService.Mode mode =
        temporal.equals("test-server")
            ? TemporalService.Mode.TEST_SERVER
            : TemporalService.Mode.EXTERNAL;
    String shardPrefix = "bench-relay-" + Long.toHexString(System.nanoTime()) + "-";
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("dynamics.route", "direct-line");
    overrides.put("dynamics.requests-per-second", "1000");
    overrides.put("directline.relay.hot-for", hotFor);
    overrides.put("directline.relay.idle-every", idleEvery);
    overrides.put("directline.relay.shard-prefix", shardPrefix);
    overrides.put("logging.level.root", "WARN");
    RelayReport report = new RelayReport(conversations, samples, batch, hotFor, idleEvery);

    DevStack.Ports ports =
        new DevStack.Ports(0, 0, 0, 0, BenchmarkSupport.freePort(), BenchmarkSupport.freePort());
    List<String> sessions = List.of();
    try (DevStack stack =
        DevStack.start(
            ports, mode, temporal, Files.createTempDirectory("relay-bench"), overrides)) {
      stack.directLine.setRoutingDelay(Duration.ofMillis(20));
      Gauges gauges = new Gauges(stack);
      RelayHandoffs handoffs = new RelayHandoffs(stack);
      ReplyTimer timer = new ReplyTimer(stack, Duration.ofMinutes(3));
      sessions = handoffs.seed("relay", conversations);
      report.gauge(gauges.read("before the handoffs (stack up)", List.of()));

      long t0 = System.nanoTime();
      handoffs.start(sessions, concurrency);
      Map<String, String> open = handoffs.awaitHandedOff(sessions, Duration.ofMinutes(30));
      report.handoffs((System.nanoTime() - t0) / 1e9);
      log("%d handoffs HandedOff in %.0f s", conversations, (System.nanoTime() - t0) / 1e9);
      List<Target> all = new ArrayList<>();
      open.forEach((session, conversation) -> all.add(new Target(session, conversation)));
      List<Target> sampled = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        sampled.add(all.get((int) ((long) i * conversations / samples)));
      }
      List<String> ids = all.stream().map(Target::conversationId).toList();

      if (allHot) {
        ReplyTimer.Result first = timer.measure(all, all.size(), Duration.ZERO, "first");
        report.latency("first reply in every conversation, all at once", all.size(), first);
        log("first replies: %.0f s, %d streamed", first.seconds(), first.streamed());
        awaitStreaming(gauges, ids, conversations, Duration.ofSeconds(60));
      }
      report.gauge(gauges.read(allHot ? "all hot (each just replied in)" : "handed off", ids));
      log("threads while hot: %s", Gauges.threadGroups());
      ReplyTimer.Result hot = timer.measure(sampled, batch, hotSpread, "hot");
      report.latency(
          "hot: " + batch + " a batch, sent over " + DurationStyle.SIMPLE.print(hotSpread),
          samples,
          hot);
      log("hot: p50 %d ms, p95 %d ms", hot.p50(), hot.p95());

      long idleBy = System.nanoTime() + DurationStyle.detectAndParse(hotFor).toNanos();
      long giveUp = idleBy + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < idleBy
          || (gauges.streaming(ids) > 0 && System.nanoTime() < giveUp)) {
        Thread.sleep(2000);
      }
      report.gauge(gauges.read("all idle (past hot-for)", ids));

      int logFrom = stack.directLine.requestLog().size();
      long cpu0 = processCpuNanos();
      long w0 = System.nanoTime();
      Thread.sleep(idleWindow.toMillis());
      double window = (System.nanoTime() - w0) / 1e9;
      report.idleWindow(
          stack.directLine.requestLog().subList(logFrom, stack.directLine.requestLog().size()),
          window,
          (processCpuNanos() - cpu0) / 1e9);
      Duration idleSpread = DurationStyle.detectAndParse(idleEvery);
      ReplyTimer.Result idle = timer.measure(sampled, batch, idleSpread, "idle");
      report.latency(
          "idle: " + batch + " a batch, sent over " + DurationStyle.SIMPLE.print(idleSpread),
          samples,
          idle);
      log("idle: p50 %d ms, p95 %d ms", idle.p50(), idle.p95());
      report.gauge(gauges.read("after the idle replies", ids));
      String markdown = report.markdown(temporal);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, markdown + "\n");
      System.out.println(markdown);
      log("report written to %s", out.toAbsolutePath());
      if (mode == TemporalService.Mode.EXTERNAL) {
        RelayReport.terminate(stack.temporalTarget(), sessions, shardPrefix);
      }
    }
    System.exit(0);
  }

  private static void awaitStreaming(
      Gauges gauges, List<String> ids, int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (gauges.streaming(ids) < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void log(String format, Object... args) {
    System.err.printf("== " + format + "%n", args);
  }
}
