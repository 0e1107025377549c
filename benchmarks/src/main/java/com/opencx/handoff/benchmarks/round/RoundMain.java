package com.opencx.handoff.benchmarks.round;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import com.opencx.handoff.workflows.HandoffIds;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One round of {@code benchmarks/before-after.sh}, run in a JVM of its own on the classpath of one
 * version of the service (the base revision's or the working tree's devstack exec jar, unpacked),
 * against an already running Temporal server shared by all rounds. It starts that version's whole
 * stack (API, worker, emulators; Dataverse pacing lifted), pushes a few warm-up handoffs through it
 * for the JIT, then N measured handoffs without media with C concurrent clients; waits until each
 * is idle (handed off), closes each and waits for each to end. It writes {@code round.properties}
 * (throughput, latency to the work item, emulator request counts, CPU time of this JVM and of the
 * Temporal server per handoff) and {@code workflow-ids.txt} (the measured runs, whose histories the
 * report reads) to {@code --out}. Because it is compiled against the base revision too, it may use
 * only what both versions have: {@code DevStack.start}, the emulators' seeding and counters, {@code
 * HandoffIds} and the Temporal SDK's service stubs.
 */
public final class RoundMain {

  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

  private RoundMain() {}

  public static void main(String[] argv) {
    int status = 0;
    try {
      run(parse(argv));
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // the Spring contexts' and gRPC's non-daemon threads must not keep it up
  }

  private static void run(Map<String, String> args) throws Exception {
    String temporal = required(args, "temporal");
    String side = required(args, "side");
    String round = required(args, "round");
    Path out = Path.of(required(args, "out"));
    int handoffs = Integer.parseInt(args.getOrDefault("handoffs", "200"));
    int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "16"));
    int warmUp = Integer.parseInt(args.getOrDefault("warm-up-handoffs", "8"));
    String rps = args.getOrDefault("requests-per-second", "1000");
    long temporalPid = Long.parseLong(args.getOrDefault("temporal-pid", "0"));
    Files.createDirectories(out);
    String prefix =
        "ba-" + side + "-r" + round + "-" + Long.toString(System.currentTimeMillis(), 36);

    Properties result = new Properties();
    DevStack.Ports ports = new DevStack.Ports(0, 0, 0, 0, 0, 0); // Temporal is external
    try (DevStack stack =
            DevStack.start(
                ports,
                TemporalService.Mode.EXTERNAL,
                temporal,
                out.resolve("devstack"),
                Map.of("dynamics.requests-per-second", rps, "logging.level.root", "WARN"));
        ExecutionProbe probe = new ExecutionProbe(temporal)) {
      HandoffTraffic traffic = new HandoffTraffic(stack, concurrency);
      List<String> warm = traffic.seed(prefix + "-warm", warmUp);
      List<String> measured = traffic.seed(prefix, handoffs);
      List<String> warmIds = workflowIds(warm);
      List<String> ids = workflowIds(measured);
      try {
        if (warmUp > 0) {
          traffic.startAndAwaitWorkItems(warm, STEP_TIMEOUT);
          check(probe.awaitIdle(warmIds, STEP_TIMEOUT), "warm-up handoffs idle");
          traffic.close(warm);
          check(probe.awaitEnded(warmIds, STEP_TIMEOUT), "warm-up handoffs ended");
        }
        stack.dataverse.resetCounters();
        stack.openCx.resetCounters();

        long[] cpuFrom = {ProcessCpu.selfNanos(), ProcessCpu.processNanos(temporalPid)};
        long started = System.nanoTime();
        long[] toWorkItem = traffic.startAndAwaitWorkItems(measured, STEP_TIMEOUT);
        double seconds = (System.nanoTime() - started) / 1e9;
        int dataverseToWorkItem = stack.dataverse.requestCount();
        long idleFrom = System.nanoTime();
        check(probe.awaitIdle(ids, STEP_TIMEOUT), "handoffs idle");
        double idleSeconds = (System.nanoTime() - idleFrom) / 1e9;
        long[] cpuIdle = {ProcessCpu.selfNanos(), ProcessCpu.processNanos(temporalPid)};
        long closeFrom = System.nanoTime();
        traffic.close(measured);
        check(probe.awaitEnded(ids, STEP_TIMEOUT), "handoffs ended");
        double closeSeconds = (System.nanoTime() - closeFrom) / 1e9;
        long[] cpuEnded = {ProcessCpu.selfNanos(), ProcessCpu.processNanos(temporalPid)};

        Files.write(out.resolve("workflow-ids.txt"), ids);
        Arrays.sort(toWorkItem);
        put(result, "side", side);
        put(result, "round", round);
        put(result, "handoffs", handoffs);
        put(result, "concurrency", concurrency);
        put(result, "requestsPerSecond", rps);
        put(result, "warmUpHandoffs", warmUp);
        put(result, "secondsToLastWorkItem", seconds);
        put(result, "handoffsPerSecond", handoffs / seconds);
        put(result, "toWorkItemP50Ms", toWorkItem[handoffs / 2] / 1e6);
        put(result, "toWorkItemP95Ms", toWorkItem[(int) (handoffs * 0.95)] / 1e6);
        put(result, "toWorkItemMaxMs", toWorkItem[handoffs - 1] / 1e6);
        put(result, "secondsLastWorkItemToAllIdle", idleSeconds);
        put(result, "secondsCloseToAllEnded", closeSeconds);
        put(result, "dataverseRequestsToWorkItem", dataverseToWorkItem / (double) handoffs);
        put(result, "dataverseRequests", stack.dataverse.requestCount() / (double) handoffs);
        put(result, "openCxRequests", stack.openCx.requestCount() / (double) handoffs);
        put(
            result,
            "serviceCpuMsToIdle",
            ProcessCpu.msPerHandoff(cpuFrom[0], cpuIdle[0], handoffs));
        put(
            result,
            "temporalCpuMsToIdle",
            ProcessCpu.msPerHandoff(cpuFrom[1], cpuIdle[1], handoffs));
        put(result, "serviceCpuMs", ProcessCpu.msPerHandoff(cpuFrom[0], cpuEnded[0], handoffs));
        put(result, "temporalCpuMs", ProcessCpu.msPerHandoff(cpuFrom[1], cpuEnded[1], handoffs));
        put(result, "completed", probe.completed(ids));
        put(result, "finishedAt", Instant.now());
      } finally {
        // Nothing of this version may stay on the shared task queue for the next round.
        probe.terminate(warmIds, "before-after round over");
        probe.terminate(ids, "before-after round over");
      }
    }
    try (Writer writer = Files.newBufferedWriter(out.resolve("round.properties"))) {
      result.store(writer, "before-after round");
    }
    System.out.printf(
        Locale.ROOT,
        "%s round %s: %.1f handoffs/s, to work item p50 %.0f ms, p95 %.0f ms;"
            + " %.2f Dataverse requests/handoff; CPU ms/handoff: service %.1f, Temporal %.1f%n",
        side,
        round,
        Double.parseDouble(result.getProperty("handoffsPerSecond")),
        Double.parseDouble(result.getProperty("toWorkItemP50Ms")),
        Double.parseDouble(result.getProperty("toWorkItemP95Ms")),
        Double.parseDouble(result.getProperty("dataverseRequests")),
        Double.parseDouble(result.getProperty("serviceCpuMs")),
        Double.parseDouble(result.getProperty("temporalCpuMs")));
  }

  private static List<String> workflowIds(List<String> sessions) {
    return sessions.stream().map(HandoffIds::workflowId).toList();
  }

  private static void check(List<String> notReached, String what) {
    if (!notReached.isEmpty()) {
      throw new IllegalStateException(
          notReached.size() + " not " + what + " within " + STEP_TIMEOUT + ", e.g. " + notReached);
    }
  }

  private static void put(Properties properties, String key, Object value) {
    properties.setProperty(
        key,
        value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
  }

  private static String required(Map<String, String> args, String key) {
    String value = args.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String key = argv[i].replaceFirst("^--", "");
      if (key.contains("=")) {
        args.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
      } else if (i + 1 < argv.length) {
        args.put(key, argv[++i]);
      }
    }
    return args;
  }
}
