package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Every way a handoff ends other than through the window watch, with its compensation (SPEC §5.3):
 * rejected, cancelled, failed after parking too long, or closed by OpenCX while parked. The calls
 * run in detached cancellation scopes so that they happen even when the end was a cancellation.
 */
final class HandoffEndings {

  private final HandoffState state;
  private final HandoffCalls calls;

  HandoffEndings(HandoffState state, HandoffCalls calls) {
    this.state = state;
    this.calls = calls;
  }

  HandoffResult rejected(String reason) {
    return withOpenCxTold(Phase.Rejected, "handoff.rejected", reason);
  }

  HandoffResult failed(String reason) {
    return withOpenCxTold(Phase.Failed, "handoff.failed", reason);
  }

  /** An operator's cancel (or Temporal's): the rep's chat is closed only when asked to. */
  HandoffResult cancelled(OperatorDecision decision) {
    String reason = decision != null ? decision.reason() : "workflow cancelled";
    if (decision != null && decision.closeWorkItem() && state.workItemCreated()) {
      Workflow.newDetachedCancellationScope(calls::closeWorkItem).run();
    }
    return withOpenCxTold(Phase.Cancelled, "handoff.cancelled", "cancelled: " + reason);
  }

  /** The conversation ended while a step waited for an operator: nothing is left to hand off. */
  HandoffResult closedWhileParked(CloseRequest close) {
    String reason = "closed by OpenCX while parked: " + close.reason();
    Workflow.newDetachedCancellationScope(
            () -> calls.audit("handoff.closed", null, Map.of("reason", reason)))
        .run();
    return state.end(Phase.Closed, reason);
  }

  /** Rejection, cancel and give-up alike: OpenCX lets the AI resume, the audit records why. */
  private HandoffResult withOpenCxTold(Phase phase, String auditType, String reason) {
    Workflow.newDetachedCancellationScope(() -> calls.handoffDidNotHappen(auditType, reason)).run();
    return state.end(phase, reason);
  }
}
