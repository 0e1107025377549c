package com.opencx.handoff.benchmarks.relay;

import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.convert.DurationStyle;

/**
 * The relay benchmark's results as Markdown for docs/benchmarks.md: the settings, one latency row
 * per phase (replies, how many were streamed when the rep wrote, p50/p95/max, lost), one row per
 * process reading (heap, threads, WebSockets), and the Direct Line requests of the idle window
 * scaled to per conversation per hour next to the design's {@code 3600 / idle-every}. Also ends the
 * run's workflows on a shared Temporal server ({@link #terminate}), so that none outlives it.
 */
public final class RelayReport {

  private final int conversations;
  private final int samples;
  private final int batch;
  private final String hotFor;
  private final String idleEvery;
  private final List<String> latencyRows = new ArrayList<>();
  private final List<String> gaugeRows = new ArrayList<>();
  private final List<String> idleLines = new ArrayList<>();
  private double handoffSeconds;

  public RelayReport(int conversations, int samples, int batch, String hotFor, String idleEvery) {
    this.conversations = conversations;
    this.samples = samples;
    this.batch = batch;
    this.hotFor = hotFor;
    this.idleEvery = idleEvery;
  }

  public void handoffs(double seconds) {
    handoffSeconds = seconds;
  }

  public void latency(String phase, int replies, ReplyTimer.Result r) {
    latencyRows.add(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d | %d | %d | %.0f |",
            phase,
            replies,
            r.streamed(),
            r.p50(),
            r.p95(),
            r.max(),
            r.lost(),
            r.seconds()));
  }

  public void gauge(Gauges.Reading g) {
    gaugeRows.add(
        String.format(
            Locale.ROOT,
            "| %s | %.0f | %d | %d | %d | %d | %d |",
            g.phase(),
            g.heapMb(),
            g.threads(),
            g.emulatorSocketThreads(),
            g.otherThreads(),
            g.streaming(),
            g.clientSockets()));
  }

  /** The Direct Line requests logged during an idle window of {@code seconds}. */
  public void idleWindow(List<String> requests, double seconds, double cpuSeconds) {
    long activities =
        requests.stream().filter(l -> l.startsWith("GET ") && l.contains("/activities")).count();
    long otherGets = requests.stream().filter(l -> l.startsWith("GET ")).count() - activities;
    long others = requests.size() - activities - otherGets;
    double perHour = activities / (double) conversations / seconds * 3600;
    double design = 3600.0 / DurationStyle.detectAndParse(idleEvery).toSeconds();
    idleLines.add(
        String.format(
            Locale.ROOT,
            "Idle window: %.0f s with no activity, %d conversations open: %d `GET …/activities`,"
                + " %d other GETs, %d other requests; **%.1f reads per conversation per hour**"
                + " (design: 3600 / idle-every = %.0f); process CPU %.2f s = %.2f cores.",
            seconds,
            conversations,
            activities,
            otherGets,
            others,
            perHour,
            design,
            cpuSeconds,
            cpuSeconds / seconds));
  }

  public String markdown(String temporal) {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(
        String.format(
            Locale.ROOT,
            "Run %s, Temporal %s, %d conversations (HandedOff in %.0f s), %d sampled, batches of"
                + " %d, hot-for %s, idle-every %s, %d cores, max heap %d MB.",
            Instant.now().truncatedTo(ChronoUnit.MINUTES),
            temporal,
            conversations,
            handoffSeconds,
            samples,
            batch,
            hotFor,
            idleEvery,
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    out.add("");
    out.add(
        "| replies | n | streamed when sent | p50 (ms) | p95 (ms) | max (ms) | lost | took (s) |");
    out.add("|---|---|---|---|---|---|---|---|");
    out.addAll(latencyRows);
    out.add("");
    out.add(
        "| moment | used heap after GC (MB) | threads | emulator WebSocket threads | other"
            + " threads | WebSockets (emulator) | client TCP to stream port |");
    out.add("|---|---|---|---|---|---|---|");
    out.addAll(gaugeRows);
    out.add("");
    out.addAll(idleLines);
    return String.join("\n", out);
  }

  /** Terminates the run's handoffs and relay shards on {@code target} (a shared dev server). */
  public static void terminate(String target, List<String> sessions, String shardPrefix) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      List<String> ids = new ArrayList<>();
      sessions.forEach(s -> ids.add("whatsapp-handoff-" + s));
      for (int shard = 0; shard < ReplyRelayWorkflow.SHARDS; shard++) {
        ids.add(shardPrefix + shard);
      }
      for (String id : ids) {
        try {
          client.newUntypedWorkflowStub(id).terminate("relay benchmark over");
        } catch (RuntimeException alreadyClosed) {
          // nothing to end
        }
      }
    } finally {
      service.shutdown();
      service.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
