package com.opencx.handoff.benchmarks.reference;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The calls one product handoff makes until it is idle, in the order its history records them: each
 * a local activity (a {@code LocalActivity} marker) or a regular activity on a task queue (an
 * {@code ActivityTaskScheduled}). It is read from a handoff's history rather than written down so
 * that the reference keeps the product's shape when the workflow changes (a step made local, the
 * Dataverse calls moved to a task queue of their own). Idle is the first timer the run starts: the
 * window watch's sleep after the audit, the sixth step; a parked step would start a timer sooner,
 * but a handoff that parks is not one a throughput benchmark should run. Version markers, search
 * attribute upserts and workflow tasks are not calls and are left out.
 *
 * @param taskQueue the product workflow's own task queue
 * @param calls {@link #LOCAL}, or the task queue of a regular activity, per call
 */
public record HandoffShape(String taskQueue, List<String> calls) {

  /** The entry of {@link #calls} for a local activity. */
  public static final String LOCAL = "local";

  static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  public HandoffShape {
    calls = List.copyOf(calls);
  }

  /** The shape of {@code events}, a history from its start; fails if it never went idle. */
  public static HandoffShape of(List<HistoryEvent> events) {
    String queue = null;
    List<String> calls = new ArrayList<>();
    for (HistoryEvent event : events) {
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ->
            queue = event.getWorkflowExecutionStartedEventAttributes().getTaskQueue().getName();
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
            calls.add(event.getActivityTaskScheduledEventAttributes().getTaskQueue().getName());
        case EVENT_TYPE_MARKER_RECORDED -> {
          if (event
              .getMarkerRecordedEventAttributes()
              .getMarkerName()
              .equals(LOCAL_ACTIVITY_MARKER)) {
            calls.add(LOCAL);
          }
        }
        case EVENT_TYPE_TIMER_STARTED -> {
          return new HandoffShape(queue, calls);
        }
        default -> {}
      }
    }
    throw new IllegalStateException(
        "the handoff started no timer in " + events.size() + " events: not idle yet");
  }

  /** The shape of workflow {@code workflowId}, once its history shows it idle. */
  public static HandoffShape read(WorkflowClient client, String workflowId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<HistoryEvent> events = client.streamHistory(workflowId).toList();
      boolean idle =
          events.stream().anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED);
      if (idle || System.nanoTime() > deadline) {
        return of(events);
      }
      Thread.sleep(100);
    }
  }

  public long local() {
    return calls.stream().filter(LOCAL::equals).count();
  }

  public long regular() {
    return calls.size() - local();
  }

  /**
   * The calls with each product task queue replaced by one of the reference's: the workflow's own
   * by {@code referenceQueue}, {@code <own>-dataverse} by {@code <referenceQueue>-dataverse}, any
   * other {@code q} by {@code <referenceQueue>-q}.
   */
  public List<String> callsOn(String referenceQueue) {
    return calls.stream().map(call -> onReference(call, referenceQueue)).toList();
  }

  /** {@code referenceQueue} and every other task queue {@link #callsOn} names. */
  public Set<String> queuesOn(String referenceQueue) {
    Set<String> queues = new LinkedHashSet<>(List.of(referenceQueue));
    callsOn(referenceQueue).stream().filter(call -> !call.equals(LOCAL)).forEach(queues::add);
    return queues;
  }

  /** "1 / 5", with the regular activities per task queue when there is more than one. */
  public String describe() {
    Map<String, Long> perQueue =
        calls.stream()
            .filter(call -> !call.equals(LOCAL))
            .collect(Collectors.groupingBy(call -> call, TreeMap::new, Collectors.counting()));
    String counts = regular() + " / " + local();
    if (perQueue.size() <= 1) {
      return counts;
    }
    return counts
        + " ("
        + perQueue.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private String onReference(String call, String referenceQueue) {
    if (call.equals(LOCAL)) {
      return LOCAL;
    }
    if (call.equals(taskQueue)) {
      return referenceQueue;
    }
    return call.startsWith(taskQueue)
        ? referenceQueue + call.substring(taskQueue.length())
        : referenceQueue + "-" + call;
  }
}
