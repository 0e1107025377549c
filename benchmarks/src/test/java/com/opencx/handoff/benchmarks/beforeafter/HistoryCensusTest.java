package com.opencx.handoff.benchmarks.beforeafter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.UpsertWorkflowSearchAttributesEventAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the census cuts a history at the close and counts it; no server, no clock. */
class HistoryCensusTest {

  @Test
  void countsEachTypeWholeAndUpToTheFirstOutsideInput() {
    List<HistoryEvent> handoff = handoff(false);

    HistoryCensus.Tally tally = HistoryCensus.tally(List.of(handoff, handoff));

    assertThat(HistoryCensus.cut(handoff)).isEqualTo(9);
    assertThat(tally.handoffs()).isEqualTo(2);
    assertThat(tally.toIdle())
        .containsEntry("UpsertWorkflowSearchAttributes", 1.0)
        .containsEntry("ActivityTaskScheduled", 1.0)
        .containsEntry("WorkflowTaskScheduled", 2.0)
        .containsEntry("TimerStarted", 1.0)
        .doesNotContainKey("WorkflowExecutionSignaled");
    assertThat(tally.toIdleAll()).isEqualTo(9.0);
    assertThat(tally.totalAll()).isEqualTo(handoff.size());
    assertThat(tally.total()).containsEntry("WorkflowExecutionSignaled", 1.0);
    assertThat(tally.totalBytes()).isGreaterThan(tally.toIdleBytes()).isPositive();
    assertThat(tally.handedOffBeforeClose()).isEqualTo(2);
    assertThat(tally.activityPendingAtClose()).isZero();
    assertThat(tally.withoutCloseEvent()).isZero();
  }

  @Test
  void reportsHandoffsClosedWhileAnActivityRanOrNeverClosed() {
    List<HistoryEvent> busy = handoff(true);
    List<HistoryEvent> neverClosed = handoff(false).subList(0, 9);

    HistoryCensus.Tally tally = HistoryCensus.tally(List.of(busy, neverClosed));

    assertThat(tally.activityPendingAtClose()).isEqualTo(1);
    assertThat(tally.withoutCloseEvent()).isEqualTo(1);
    assertThat(HistoryCensus.cut(neverClosed)).isEqualTo(neverClosed.size());
  }

  @Test
  void namesEventTypesAsTheTemporalUiDoes() {
    assertThat(HistoryCensus.typeName(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
        .isEqualTo("UpsertWorkflowSearchAttributes");
    assertThat(HistoryCensus.typeName(EventType.EVENT_TYPE_MARKER_RECORDED))
        .isEqualTo("MarkerRecorded");
  }

  /** Start, one activity, the HandedOff upsert and the window timer, then the close and the end. */
  private static List<HistoryEvent> handoff(boolean activityStillRunningAtClose) {
    List<HistoryEvent> events = new ArrayList<>();
    add(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    add(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    add(
        events,
        activityStillRunningAtClose
            ? EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
            : EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
    events.add(
        HistoryEvent.newBuilder()
            .setEventId(events.size() + 1)
            .setEventType(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
            .setUpsertWorkflowSearchAttributesEventAttributes(
                UpsertWorkflowSearchAttributesEventAttributes.newBuilder()
                    .setSearchAttributes(
                        SearchAttributes.newBuilder()
                            .putIndexedFields(
                                "HandoffStatus",
                                Payload.newBuilder()
                                    .setData(ByteString.copyFromUtf8("\"HandedOff\""))
                                    .build())))
            .build());
    add(events, EventType.EVENT_TYPE_TIMER_STARTED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
    add(events, EventType.EVENT_TYPE_TIMER_CANCELED);
    add(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    return events;
  }

  private static void add(List<HistoryEvent> events, EventType type) {
    events.add(HistoryEvent.newBuilder().setEventId(events.size() + 1).setEventType(type).build());
  }
}
