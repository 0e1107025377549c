package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * The handoff's own metrics (SPEC §7), written through {@link Workflow#getMetricsScope()}: the SDK
 * drops them while a workflow replays, so a worker that rebuilds a handoff from its history counts
 * nothing twice, and they add no command, so old histories replay unchanged. The worker exports the
 * scope through Micrometer (the Temporal starter's reporter), where each name here gets the SDK's
 * {@code namespace}, {@code task_queue} and {@code workflow_type} tags. Tags are only the
 * low-cardinality ones: {@code outcome} (a phase name), {@code route}, {@code step} (a {@link Step}
 * name), {@code result} and {@code error_type} (a failure type, never a message): never a session
 * id, phone, email or name.
 */
final class HandoffMetrics {

  /** Counter: handoffs that reached the rep (HandedOff) or ended (Rejected, Cancelled, ...). */
  static final String OUTCOMES = "handoff_outcomes";

  /** Timer: from the run's start to the live work item existing (the rep can pick it up). */
  static final String TIME_TO_WORK_ITEM = "handoff_time_to_work_item";

  /** Timer: one runbook step from entering it to leaving it, parks and retries included. */
  static final String STEP_LATENCY = "handoff_step_latency";

  /** Counter: a step's tries by the workflow (each one its activity's whole retry budget). */
  static final String STEP_ATTEMPTS = "handoff_step_attempts";

  /** Counter: a step parked in NeedsAttention. */
  static final String PARKS = "handoff_parks";

  static final String RECORD_ROUTE = "record";
  static final String DIRECT_LINE_ROUTE = "direct-line";

  private HandoffMetrics() {}

  /** The handoff reached {@code phase}: HandedOff once, then one final phase. */
  static void outcome(Phase phase, boolean directLine) {
    scope(Map.of("outcome", phase.name(), "route", route(directLine))).counter(OUTCOMES).inc(1);
  }

  /** The live work item exists: the time since this run started, on the workflow's clock. */
  static void workItemCreated(boolean directLine) {
    long millis = Workflow.currentTimeMillis() - Workflow.getInfo().getRunStartedTimestampMillis();
    scope(Map.of("route", route(directLine)))
        .timer(TIME_TO_WORK_ITEM)
        .record(Duration.ofMillis(Math.max(0, millis)));
  }

  /** One try of {@code step} begins. */
  static void attempt(Step step) {
    scope(Map.of("step", step.name())).counter(STEP_ATTEMPTS).inc(1);
  }

  /**
   * {@code step} ended after {@code millis}: {@code result} is succeeded, skipped, abandoned or
   * interrupted (a close, cancel or refusal ended it).
   */
  static void stepEnded(Step step, String result, long millis) {
    scope(Map.of("step", step.name(), "result", result))
        .timer(STEP_LATENCY)
        .record(Duration.ofMillis(Math.max(0, millis)));
  }

  /** {@code step} parked with a failure of {@code errorType}. */
  static void parked(Step step, String errorType) {
    scope(Map.of("step", step.name(), "error_type", errorType)).counter(PARKS).inc(1);
  }

  private static String route(boolean directLine) {
    return directLine ? DIRECT_LINE_ROUTE : RECORD_ROUTE;
  }

  private static Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }
}
