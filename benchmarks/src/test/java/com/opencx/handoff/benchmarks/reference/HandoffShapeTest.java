package com.opencx.handoff.benchmarks.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a handoff's history becomes the reference's calls; no server. */
class HandoffShapeTest {

  @Test
  void countsTheCallsInOrderUpToTheFirstTimer() {
    HandoffShape shape = HandoffShape.of(handoff("dynamics-handoff"));

    assertThat(shape.calls())
        .containsExactly(
            HandoffShape.LOCAL,
            HandoffShape.LOCAL,
            HandoffShape.LOCAL,
            "dynamics-handoff",
            HandoffShape.LOCAL,
            HandoffShape.LOCAL);
    assertThat(shape.regular()).isEqualTo(1);
    assertThat(shape.local()).isEqualTo(5);
    assertThat(shape.describe()).isEqualTo("1 / 5");
    assertThat(shape.callsOn("ref")).contains("ref").doesNotContain("dynamics-handoff");
    assertThat(shape.queuesOn("ref")).containsExactly("ref");
  }

  @Test
  void mirrorsADataverseTaskQueueOfItsOwn() {
    HandoffShape shape = HandoffShape.of(handoff("dynamics-handoff-dataverse"));

    assertThat(shape.callsOn("ref")).contains("ref-dataverse").doesNotContain("ref");
    assertThat(shape.queuesOn("ref")).containsExactly("ref", "ref-dataverse");
    assertThat(shape.describe()).isEqualTo("1 / 5");
  }

  @Test
  void aHistoryWithoutATimerIsNotIdleYet() {
    List<HistoryEvent> events = handoff("dynamics-handoff");

    assertThatThrownBy(() -> HandoffShape.of(events.subList(0, 6)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not idle");
  }

  /**
   * Version marker, three local reads, the work item on {@code workItemQueue}, two local writes.
   */
  private static List<HistoryEvent> handoff(String workItemQueue) {
    return List.of(
        HistoryEvent.newBuilder()
            .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
            .setWorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.newBuilder()
                    .setTaskQueue(TaskQueue.newBuilder().setName("dynamics-handoff")))
            .build(),
        event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
        marker("Version"),
        marker("LocalActivity"),
        marker("LocalActivity"),
        marker("LocalActivity"),
        HistoryEvent.newBuilder()
            .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setTaskQueue(TaskQueue.newBuilder().setName(workItemQueue)))
            .build(),
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
        marker("LocalActivity"),
        marker("LocalActivity"),
        event(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
        event(EventType.EVENT_TYPE_TIMER_STARTED),
        marker("LocalActivity")); // after idle: the closed check a day later
  }

  private static HistoryEvent marker(String name) {
    return HistoryEvent.newBuilder()
        .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
        .setMarkerRecordedEventAttributes(
            MarkerRecordedEventAttributes.newBuilder().setMarkerName(name))
        .build();
  }

  private static HistoryEvent event(EventType type) {
    return HistoryEvent.newBuilder().setEventType(type).build();
  }
}
