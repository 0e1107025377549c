package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Every way a handoff ends other than through the window watch, with its compensation (SPEC §5.3).
 * The rule that shapes them: the customer must end up with exactly one agent. OpenCX is told {@code
 * handoff-failed} (so the AI resumes) only when no rep has the conversation — it was never created,
 * or it is closed here first; a rep who has it keeps it otherwise. Everything runs in detached
 * cancellation scopes so that it happens even when the end was a cancellation, and once an ending
 * has begun a pending close no longer stops its steps: they are what the close needs done.
 */
final class HandoffEndings {

  private final HandoffState state;
  private final HandoffCalls calls;
  private final StepRunner steps;

  HandoffEndings(HandoffState state, HandoffCalls calls, StepRunner steps) {
    this.state = state;
    this.calls = calls;
    this.steps = steps;
  }

  /** The ending a step's interruption asks for: OpenCX's close, a refusal, or a broken step. */
  HandoffResult after(StepRunner.Interrupt interrupt, CloseRequest close) {
    if (interrupt instanceof StepRunner.Refused refused) {
      return FailureTypes.SESSION_REJECTED.equals(refused.type)
          ? rejected(refused.getMessage())
          : handedOffElsewhere(refused.getMessage());
    }
    return interrupt instanceof StepRunner.Stopped
        ? closedEarly(close)
        : failed(interrupt.getMessage());
  }

  /** The validate step refused the session: no work item exists. */
  HandoffResult rejected(String reason) {
    return aiResumes(Phase.Rejected, "handoff.rejected", reason, false, Map.of());
  }

  /** OpenCX answered 409 at step 5: another work item owns the session; ours must go. */
  HandoffResult handedOffElsewhere(String reason) {
    steps.ending();
    detached(
        () -> {
          calls.closeWorkItem();
          calls.audit("handoff.rejected", null, Map.of("reason", reason, "workItemClosed", "true"));
        });
    return state.end(Phase.Rejected, reason);
  }

  /** A required step stayed broken past the parking deadline. */
  HandoffResult failed(String reason) {
    return aiResumes(Phase.Failed, "handoff.failed", reason, true, Map.of());
  }

  /** An operator's cancel (or Temporal's). */
  HandoffResult cancelled(OperatorDecision decision) {
    steps.ending();
    String reason = EndReasons.cancelled(decision);
    String operator = EndReasons.operator(decision);
    boolean closeRepsChat = decision != null && decision.closeWorkItem();
    if (state.workItemCreated() && !closeRepsChat) {
      // The rep keeps the customer; the AI must not resume beside them.
      detached(
          () ->
              calls.audit(
                  "handoff.cancelled",
                  null,
                  Map.of("reason", reason, "operator", operator, "repKeeps", "true")));
      return state.end(Phase.Cancelled, reason);
    }
    return aiResumes(
        Phase.Cancelled, "handoff.cancelled", reason, true, Map.of("operator", operator));
  }

  /**
   * OpenCX ended the conversation before the handoff completed or while it was parked. A work item
   * created but not yet confirmed at OpenCX is closed: no rep should pick up an ended chat.
   */
  HandoffResult closedEarly(CloseRequest close) {
    steps.ending();
    String reason = EndReasons.closedByOpenCx(close);
    detached(
        () -> {
          if (state.workItemCreated() && !state.handedOffOnce()) {
            calls.closeWorkItem();
          } else {
            closeIfCreateWasInFlight();
          }
          calls.audit("handoff.closed", null, Map.of("reason", reason));
        });
    return state.end(Phase.Closed, reason);
  }

  /** No rep keeps the customer: close what may exist, tell OpenCX, audit with extra details. */
  private HandoffResult aiResumes(
      Phase phase,
      String auditType,
      String reason,
      boolean mayHaveWorkItem,
      Map<String, String> extraAudit) {
    steps.ending();
    detached(
        () -> {
          if (mayHaveWorkItem) {
            if (state.workItemCreated()) {
              calls.closeWorkItem();
            } else {
              closeIfCreateWasInFlight();
            }
          }
          calls.handoffDidNotHappen(auditType, reason, extraAudit);
        });
    return state.end(phase, reason);
  }

  /** A create interrupted mid-call may still have landed in Dataverse: close it (idempotent). */
  private void closeIfCreateWasInFlight() {
    if (!state.workItemCreated() && state.step() == Step.CreateWorkItem) {
      calls.closeWorkItem();
    }
  }

  private static void detached(Runnable compensation) {
    Workflow.newDetachedCancellationScope(compensation).run();
  }
}
