package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.temporal.workflow.Workflow;

/**
 * Where operators' actions meet the handoff. The Updates' validators ask it whether an action
 * applies now and refuse it with a reason when not (nothing parked, a step the handoff needs, a
 * retry already under way, an ending begun), so a wrong action is answered instead of dropped; an
 * accepted retry or skip waits here until the parked step in {@link StepRunner} takes it.
 */
final class OperatorInbox {

  private final HandoffState state;
  private OperatorDecision pending;
  private boolean open;
  private boolean skippable;

  OperatorInbox(HandoffState state) {
    this.state = state;
  }

  /** The {@code retry} validator: a step waits, and a new workstream is a GUID still usable. */
  void checkRetry(RetryRequest request) {
    checkWaiting("retried");
    String workstreamId = request == null ? null : request.workstreamId();
    if (workstreamId != null && !OperatorRefusals.GUID.matcher(workstreamId).matches()) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.BAD_WORKSTREAM,
          "workstreamId must be a GUID (a msdyn_liveworkstreams id), not " + workstreamId);
    }
    if (workstreamId != null && state.workItemCreated()) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.BAD_WORKSTREAM,
          "the work item exists on workstream "
              + state.workstreamId()
              + " and cannot move; retry without a workstreamId");
    }
  }

  ActionTaken retry(RetryRequest request) {
    String workstreamId = request == null ? null : request.workstreamId();
    pending = OperatorDecision.retry(workstreamId, request == null ? null : request.operator());
    String where = workstreamId == null ? "" : " on workstream " + workstreamId;
    return new ActionTaken("retry", state.step(), "retrying " + state.step() + " now" + where);
  }

  /** The {@code skip} validator: only a parked step the handoff can do without. */
  void checkSkip() {
    checkWaiting("skipped");
    if (!skippable) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.NOT_SKIPPABLE,
          "step "
              + state.step()
              + " cannot be skipped: the handoff needs it; retry it (before the work item exists"
              + " optionally with another workstreamId) or cancel the handoff");
    }
  }

  ActionTaken skip(SkipRequest request) {
    pending = OperatorDecision.skip(request == null ? null : request.operator());
    return new ActionTaken(
        "skip", state.step(), "skipped " + state.step() + "; the handoff goes on without it");
  }

  /**
   * The {@code cancel} validator: once a close or a cancel is ending the handoff, it is too late.
   */
  void checkCancel(CloseRequest close, OperatorDecision cancel) {
    if (state.phase().isFinal() || close != null || cancel != null) {
      String why =
          state.phase().isFinal()
              ? "has ended " + state.phase()
              : "is ending: " + (close != null ? "closed by OpenCX" : EndReasons.cancelled(cancel));
      throw OperatorRefusals.refuse(OperatorRefusals.ENDING, "the handoff " + why);
    }
  }

  /**
   * A decision from the signal that preceded the Updates: taken only where an Update would have
   * been accepted, dropped otherwise, so it cannot surprise a later, unrelated park.
   */
  void decide(OperatorDecision decision) {
    boolean applies =
        state.phase() == Phase.NeedsAttention
            && (decision.action() != OperatorDecision.Action.SKIP || skippable);
    if (applies) {
      pending = decision;
    } else {
      Workflow.getLogger(OperatorInbox.class)
          .info("ignored operator decision {}: it does not apply now", decision.action());
    }
  }

  private void checkWaiting(String verb) {
    if (state.phase().isFinal()) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.ENDING, "the handoff has ended " + state.phase());
    }
    if (state.phase() != Phase.NeedsAttention) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.NOT_PARKED,
          "nothing to be "
              + verb
              + ": the handoff is "
              + state.phase()
              + " at step "
              + state.step()
              + ", not parked in NeedsAttention");
    }
    if (state.relayFailing() && !open) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.NOT_PARKED,
          "nothing to be "
              + verb
              + ": the reply relay cannot read the rep's side and retries by itself; the handoff"
              + " returns to HandedOff when it reads again (cancel ends the handoff)");
    }
    if (!open || pending != null) {
      throw OperatorRefusals.refuse(
          OperatorRefusals.ACTION_PENDING,
          "step " + state.step() + " is being retried now; wait for its outcome");
    }
  }

  /** A step parked and waits for an operator; {@code optional} says whether it may be skipped. */
  void open(boolean optional) {
    open = true;
    skippable = optional;
  }

  void shut() {
    open = false;
  }

  boolean hasDecision() {
    return pending != null;
  }

  OperatorDecision take() {
    OperatorDecision decision = pending;
    pending = null;
    return decision;
  }

  void clear() {
    pending = null;
  }
}
