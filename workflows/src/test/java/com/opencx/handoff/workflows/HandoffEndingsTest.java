package com.opencx.handoff.workflows;

import static com.opencx.handoff.workflows.HandoffWorkflowTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a handoff ends when things go wrong around the ending: a close during a failing compensation,
 * a close while a step retries, and the wording of every ending, said once.
 */
class HandoffEndingsTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void aCloseWhileTheAuditRefusesWritesStillEndsTheHandoff(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    doThrow(ApplicationFailure.newFailure("403 from audit", FailureTypes.OPENCX_REJECTED_CALL))
        .when(acts.audit)
        .writeAuditEvent(any());
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-audit-down");
    awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention && s.step() == Step.WriteAudit);

    handoff.close(new CloseRequest("customer left"));

    // The ending's own audit parks too and, refused for 24 h, is given up: the run must end
    // rather than wedge its workflow task on the pending close.
    HandoffResult result =
        WorkflowStub.fromTyped(handoff).getResult(30, TimeUnit.SECONDS, HandoffResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    assertThat(result.reason()).isEqualTo("closed by OpenCX: customer left");
    verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId("s-audit-down"));
    verify(acts.audit, atLeastOnce())
        .writeAuditEvent(argThat((AuditEvent e) -> e.type().equals("handoff.closed")));
  }

  @Test
  void aCancelNamesTheOperatorOnceInTheReasonAndTheAudit(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(ApplicationFailure.newFailure("403", FailureTypes.DATAVERSE_FORBIDDEN));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-cancel-words");
    awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);

    handoff.cancel(new CancelRequest("customer left", false, "ops-alice"));
    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    assertThat(result.reason()).isEqualTo("cancelled by ops-alice: customer left");
    verify(acts.audit)
        .writeAuditEvent(
            argThat(
                (AuditEvent e) ->
                    e.type().equals("handoff.cancelled")
                        && "ops-alice".equals(e.details().get("operator"))
                        && result.reason().equals(e.details().get("reason"))));
  }

  @Test
  void theWorkstreamInEffectIsKnownBeforeTheCreateParks(
      TestWorkflowEnvironment env, Worker worker) {
    String configured = "11111111-2222-4333-8444-555555555555";
    when(acts.dynamics.resolveContact(any()))
        .thenReturn(new ContactMatch(HandoffFixtures.CONTACT_ID, ContactRule.Email, configured));
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(ApplicationFailure.newFailure("404", FailureTypes.DATAVERSE_NOT_FOUND));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-default-ws");
    HandoffRequest base =
        HandoffFixtures.request("s-default-ws", Instant.ofEpochMilli(env.currentTimeMillis()));
    HandoffRequest noWorkstream =
        new HandoffRequest(
            base.sessionId(),
            base.channel(),
            base.customer(),
            base.summary(),
            base.lastInboundAt(),
            base.media(),
            null);
    WorkflowClient.start(handoff::run, noWorkstream, null);

    HandoffStatus parked = awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(parked.workstreamId()).isEqualTo(configured);
    assertThat(
            WorkflowStub.fromTyped(handoff)
                .describe()
                .getTypedSearchAttributes()
                .get(HandoffSearchAttributes.WORKSTREAM_ID))
        .isEqualTo(configured);
    verify(acts.dynamics).createWorkItem(argThat(d -> configured.equals(d.workstreamId())));
  }

  @Test
  void eachTimerIsNamedForWhatItWaitsFor(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    Instant start = Instant.ofEpochMilli(env.currentTimeMillis());
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-timers");
    WorkflowClient.start(
        handoff::run, HandoffFixtures.request("s-timers", start.minus(Duration.ofHours(23))), null);
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    env.sleep(Duration.ofHours(2)); // past the window's end: the next wait is the closed check
    handoff.close(new CloseRequest("done"));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    List<String> summaries =
        env.getWorkflowClient().fetchHistory(HandoffIds.workflowId("s-timers")).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .map(e -> summaryOf(env, e))
            .toList();
    Instant closes = start.plus(Duration.ofHours(1));
    assertThat(summaries)
        .startsWith("WhatsApp template window closes at " + closes)
        .anySatisfy(s -> assertThat(s).startsWith("Check whether the rep closed the conversation"));
  }

  /** Summaries are payloads, encrypted like the rest: read them through the client's codec. */
  private static String summaryOf(TestWorkflowEnvironment env, HistoryEvent event) {
    return env.getWorkflowClient()
        .getOptions()
        .getDataConverter()
        .fromPayload(event.getUserMetadata().getSummary(), String.class, String.class);
  }
}
