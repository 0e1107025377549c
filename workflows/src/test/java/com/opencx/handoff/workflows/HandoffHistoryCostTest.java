package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;

import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a handoff costs Temporal, in history events, counted on the test server: search-attribute
 * upserts only on a change of phase and never two in one workflow task, and an idle handoff that
 * costs one closed check a day. No status query is sent meanwhile: on the test server a query would
 * add workflow tasks of its own to the count.
 */
class HandoffHistoryCostTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void aHandoffWithoutMediaUpsertsTwiceNeverTwiceInOneTask(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-cost");
    env.sleep(Duration.ofMinutes(1)); // handed off and idle: the window timer is all that runs
    handoff.close(new CloseRequest("done"));
    assertThat(WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Closed);

    List<HistoryEvent> events = history(env, "s-cost");
    assertThat(count(events, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
        .as("upserts: HandedOff, then Closed")
        .isEqualTo(2);
    assertThat(maxUpsertsInOneTask(events)).isEqualTo(1);
    assertThat(count(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .as("the contact lookup and the create (Dataverse's queue); the rest is local")
        .isEqualTo(2);
    assertThat(
            events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(e -> e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName()))
        .as("the shared budget is the Dataverse queue's: both calls are scheduled there")
        .containsOnly(HandoffWorkflow.dataverseTaskQueue(worker.getTaskQueue()));
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED))
        .as("workflow tasks: start (validate), the lookup, the create (mark, audit), the close")
        .isEqualTo(4);
    assertThat(events).as("history events from start to Closed").hasSizeLessThanOrEqualTo(32);
  }

  @Test
  void anIdleDayCostsOneClosedCheckAndSixEvents(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffFixtures.start(env, worker, "s-idle");
    env.sleep(Duration.ofDays(2)); // past the window's close (24 h) and its first closed check
    int eventsBefore = history(env, "s-idle").size();
    long readsBefore = closedChecks();

    env.sleep(Duration.ofDays(1));

    assertThat(history(env, "s-idle").size() - eventsBefore)
        .as("timer fired, workflow task (3), closed-check marker, next timer")
        .isEqualTo(6);
    assertThat(closedChecks() - readsBefore).as("Dataverse reads in an idle day").isEqualTo(1);
  }

  private long closedChecks() {
    return mockingDetails(acts.dynamics).getInvocations().stream()
        .filter(i -> i.getMethod().getName().equals("isConversationClosed"))
        .count();
  }

  static List<HistoryEvent> history(TestWorkflowEnvironment env, String sessionId) {
    return env.getWorkflowClient().fetchHistory(HandoffIds.workflowId(sessionId)).getEvents();
  }

  static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }

  /** Upserts are commands of a workflow task: count them between two task completions. */
  static int maxUpsertsInOneTask(List<HistoryEvent> events) {
    int max = 0;
    int inTask = 0;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        inTask = 0;
      } else if (event.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        max = Math.max(max, ++inTask);
      }
    }
    return max;
  }
}
