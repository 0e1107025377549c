package com.opencx.handoff.devstack;

import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's parked gauge against a real Temporal server, whose visibility answers the count the
 * test server cannot: a parked handoff appears in {@code handoff_parked} within the dev stack's
 * refresh, and leaves it once it is no longer parked (here: terminated).
 */
@Tag("e2e")
class MetricsE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    stack = DevStackTest.onRealServer(dataDir, Map.of());
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aParkedHandoffIsCountedFromVisibilityAndLeavesTheGaugeWhenItEnds() throws Exception {
    scenario.handOff(scenario.newSession());
    String sessionId = scenario.newSession();
    scenario.park(sessionId);
    double parked = awaitParked(value -> value >= 1);
    String excerpt = System.getProperty("handoff.metrics.excerpt");
    if (excerpt != null) { // e.g. -Dhandoff.metrics.excerpt=/tmp/prometheus.txt: what ops scrape
      writeExcerpt(Path.of(excerpt));
    }

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
    try {
      WorkflowClient.newInstance(service)
          .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
          .terminate("e2e done");
    } finally {
      service.shutdownNow();
    }
    awaitParked(value -> value <= parked - 1);
  }

  private static void writeExcerpt(Path file) throws Exception {
    String worker =
        MetricsTest.awaitScrape(
            stack.workerUrl(),
            text ->
                MetricsTest.has(text, "handoff_parks_total")
                    && MetricsTest.has(text, "handoff_outcomes_total"));
    String api = MetricsTest.scrape(stack.apiUrl());
    java.util.function.Function<String, String> handoff =
        text ->
            String.join(
                "\n",
                text.lines()
                    .filter(l -> l.startsWith("handoff_") || l.startsWith("# TYPE handoff_"))
                    .filter(l -> !l.contains("_bucket{"))
                    .toList());
    java.nio.file.Files.writeString(
        file,
        "# worker "
            + stack.workerUrl()
            + "/actuator/prometheus (handoff_* families; histogram buckets left out)\n"
            + handoff.apply(worker)
            + "\n# ... and one bucket series of the time to work item:\n"
            + String.join(
                "\n", MetricsTest.lines(worker, "handoff_time_to_work_item_seconds_bucket"))
            + "\n# ... and the Temporal SDK's own, e.g.:\n"
            + String.join(
                "\n",
                MetricsTest.lines(
                    worker, "temporal_workflow_task_schedule_to_start_latency_seconds_count"))
            + "\n\n# API "
            + stack.apiUrl()
            + "/actuator/prometheus\n"
            + handoff.apply(api)
            + "\n");
  }

  /** The gauge's value once {@code condition} holds (a server kept from earlier runs adds some). */
  private static double awaitParked(java.util.function.DoublePredicate condition) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    double value = Double.NaN;
    while (System.nanoTime() < deadline) {
      value = parked(MetricsTest.scrape(stack.apiUrl()));
      if (condition.test(value)) {
        return value;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("handoff_parked never matched; last " + value);
  }

  private static double parked(String scrape) {
    return MetricsTest.lines(scrape, "handoff_parked ").stream()
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
