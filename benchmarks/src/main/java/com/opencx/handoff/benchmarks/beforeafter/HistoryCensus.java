package com.opencx.handoff.benchmarks.beforeafter;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the history events of a round's handoffs, by event type, as the Temporal server stores
 * them ({@code GetWorkflowExecutionHistory}, all pages, latest run of each workflow id). Only event
 * types and two unencrypted details are read — signal and update names to find the close, and the
 * {@code HandoffStatus} search attribute to check the handoff was HandedOff before it — so the
 * payload key is not needed. Each history is counted whole ("total", to WorkflowExecutionCompleted)
 * and up to the handoff being idle: every event before the first one that came from outside after
 * the start (the close signal, or an update if a version closes through one), since the round sends
 * the close only once the run is idle (see {@code ExecutionProbe}).
 */
final class HistoryCensus implements AutoCloseable {

  /** Events that mark the first outside input after the start: where "to idle" stops. */
  static final Set<EventType> OUTSIDE_INPUT =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);

  /**
   * Per-handoff means of one round: {@code toIdle} and {@code total} map an event type's name to
   * its mean count, the bytes are the mean serialized size of those events (payloads encrypted, as
   * stored); the last three count handoffs that did not run as the round intends.
   */
  record Tally(
      int handoffs,
      Map<String, Double> toIdle,
      Map<String, Double> total,
      double toIdleBytes,
      double totalBytes,
      int withoutCloseEvent,
      int activityPendingAtClose,
      int handedOffBeforeClose) {

    double toIdleAll() {
      return toIdle.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double totalAll() {
      return total.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private final WorkflowServiceStubs service;

  HistoryCensus(String target) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /** Reads and counts the histories of {@code workflowIds} in namespace {@code default}. */
  Tally count(List<String> workflowIds) {
    List<List<HistoryEvent>> histories = new ArrayList<>();
    for (String id : workflowIds) {
      histories.add(history(id));
    }
    return tally(histories);
  }

  /** The counting itself, separate from the fetching so it can be checked without a server. */
  static Tally tally(List<List<HistoryEvent>> histories) {
    Map<String, Double> toIdle = new TreeMap<>();
    Map<String, Double> total = new TreeMap<>();
    int withoutClose = 0;
    int pendingAtClose = 0;
    int handedOff = 0;
    long toIdleBytes = 0;
    long totalBytes = 0;
    for (List<HistoryEvent> events : histories) {
      int cut = cut(events);
      if (cut == events.size()) {
        withoutClose++;
      }
      int pending = 0;
      boolean handedOffSeen = false;
      for (int i = 0; i < events.size(); i++) {
        HistoryEvent event = events.get(i);
        String type = typeName(event.getEventType());
        total.merge(type, 1.0, Double::sum);
        totalBytes += event.getSerializedSize();
        if (i < cut) {
          toIdle.merge(type, 1.0, Double::sum);
          toIdleBytes += event.getSerializedSize();
          pending += pendingDelta(event.getEventType());
          handedOffSeen |= setsHandedOff(event);
        }
      }
      if (pending > 0) {
        pendingAtClose++;
      }
      if (handedOffSeen) {
        handedOff++;
      }
    }
    int n = Math.max(1, histories.size());
    toIdle.replaceAll((type, sum) -> sum / n);
    total.replaceAll((type, sum) -> sum / n);
    return new Tally(
        histories.size(),
        toIdle,
        total,
        toIdleBytes / (double) n,
        totalBytes / (double) n,
        withoutClose,
        pendingAtClose,
        handedOff);
  }

  /** Index of the first outside input after the start, or the history's size if there is none. */
  static int cut(List<HistoryEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      if (OUTSIDE_INPUT.contains(events.get(i).getEventType())) {
        return i;
      }
    }
    return events.size();
  }

  /**
   * {@code EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES} → {@code UpsertWorkflowSearchAttributes}.
   */
  static String typeName(EventType type) {
    StringBuilder name = new StringBuilder();
    for (String word : type.name().replaceFirst("^EVENT_TYPE_", "").split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  private static int pendingDelta(EventType type) {
    return switch (type) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> 1;
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
          EVENT_TYPE_ACTIVITY_TASK_FAILED,
          EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
          EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
          -1;
      default -> 0;
    };
  }

  /** Search attributes are never encrypted: the value is the JSON string {@code "HandedOff"}. */
  private static boolean setsHandedOff(HistoryEvent event) {
    Map<String, Payload> fields;
    if (event.hasUpsertWorkflowSearchAttributesEventAttributes()) {
      fields =
          event
              .getUpsertWorkflowSearchAttributesEventAttributes()
              .getSearchAttributes()
              .getIndexedFieldsMap();
    } else if (event.hasWorkflowExecutionStartedEventAttributes()) {
      fields =
          event
              .getWorkflowExecutionStartedEventAttributes()
              .getSearchAttributes()
              .getIndexedFieldsMap();
    } else {
      return false;
    }
    Payload status = fields.get("HandoffStatus");
    return status != null && status.getData().toStringUtf8().contains("\"HandedOff\"");
  }

  private List<HistoryEvent> history(String workflowId) {
    List<HistoryEvent> events = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setNextPageToken(page)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  @Override
  public void close() {
    service.shutdownNow();
  }
}
