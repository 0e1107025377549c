package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operators' Updates: each validator refuses an action that does not apply, with the reason and a
 * type the API and the ops command map, and an accepted one answers what it did. Refused Updates
 * leave nothing in the history, so the handoff goes on as if they were never sent.
 */
class OperatorUpdatesTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void nothingParkedMeansNothingToRetryOrSkip(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-not-parked");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    ApplicationFailure retry =
        HandoffFixtures.refusal(() -> handoff.retry(new RetryRequest(null, "ops")));
    assertThat(retry.getType()).isEqualTo(OperatorRefusals.NOT_PARKED);
    assertThat(retry.getOriginalMessage())
        .isEqualTo(
            "nothing to be retried: the handoff is HandedOff at step TemplateWindow, not parked"
                + " in NeedsAttention");
    assertThat(HandoffFixtures.refusal(() -> handoff.skip(new SkipRequest("ops"))).getType())
        .isEqualTo(OperatorRefusals.NOT_PARKED);
  }

  @Test
  void aWorkstreamMustBeAGuidAndCannotMoveOnceTheWorkItemExists(
      TestWorkflowEnvironment env, Worker worker) {
    doThrow(
            ApplicationFailure.newFailure(
                "403 from OpenCX audit", FailureTypes.OPENCX_REJECTED_CALL))
        .doNothing()
        .when(acts.audit)
        .writeAuditEvent(argThat(e -> e.type().equals("handoff.created")));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-audit-parked");
    HandoffStatus parked =
        HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(parked.step()).isEqualTo(Step.WriteAudit);
    assertThat(parked.skippable()).isTrue();
    assertThat(parked.lastErrorType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);

    ApplicationFailure notGuid =
        HandoffFixtures.refusal(() -> handoff.retry(new RetryRequest("queue-7", "ops")));
    assertThat(notGuid.getType()).isEqualTo(OperatorRefusals.BAD_WORKSTREAM);
    assertThat(notGuid.getOriginalMessage()).contains("workstreamId must be a GUID");
    ApplicationFailure fixed =
        HandoffFixtures.refusal(
            () -> handoff.retry(new RetryRequest("9a8b7c6d-0000-4000-8000-00000000abcd", "ops")));
    assertThat(fixed.getOriginalMessage()).contains("the work item exists on workstream");

    ActionTaken retried = handoff.retry(new RetryRequest(null, "ops"));
    assertThat(retried.step()).isEqualTo(Step.WriteAudit);
    assertThat(retried.message()).isEqualTo("retrying WriteAudit now");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
  }

  @Test
  void aSecondCancelIsRefusedWhileTheFirstEndsTheHandoff(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "403: missing privilege", FailureTypes.DATAVERSE_FORBIDDEN))
        .thenReturn(new WorkItemCreated(HandoffIds.workItemId("s-cancel-twice"), false));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-cancel-twice");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);

    ActionTaken cancelled = handoff.cancel(new CancelRequest("customer left", false, "ops-bo"));
    assertThat(cancelled.message()).isEqualTo("cancelling: cancelled by ops-bo: customer left");
    ApplicationFailure again =
        HandoffFixtures.refusal(() -> handoff.cancel(new CancelRequest("again", false, "ops")));
    assertThat(again.getType()).isEqualTo(OperatorRefusals.ENDING);

    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.Cancelled);
    assertThat(result.reason()).isEqualTo("cancelled by ops-bo: customer left");
  }
}
