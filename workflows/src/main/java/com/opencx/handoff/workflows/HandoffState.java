package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import com.opencx.handoff.workflows.model.TemplateWindow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What one handoff knows about itself, and the single place that publishes it: every change of
 * phase, step, work item or contact goes through here so the status query, the search attributes
 * and the Temporal UI's current details never disagree. Holds no phone, email or name.
 */
final class HandoffState {

  final String sessionId;
  final String workflowId;
  final String workItemId;
  final TemplateWindowClock window;
  private String workstreamId;
  private Phase phase = Phase.InProgress;
  private Phase phaseBeforeParking;
  private Step step = Step.ValidateSession;
  private boolean workItemCreated;
  private ContactRule contactRule;
  private String lastError;
  private int attempts;
  private String outcomeReason;
  private final List<MediaOutcome> media = new ArrayList<>();

  HandoffState(HandoffRequest request, CarriedOver carried) {
    this.sessionId = request.sessionId();
    this.workflowId = Workflow.getInfo().getWorkflowId();
    this.workItemId = HandoffIds.workItemId(sessionId);
    this.workstreamId = request.workstreamId();
    this.window = new TemplateWindowClock(request.lastInboundAt());
    if (carried != null) {
      workstreamId = carried.workstreamId();
      workItemCreated = carried.workItemId() != null;
      contactRule = carried.contactRule();
      phase = Phase.HandedOff;
      step = Step.TemplateWindow;
      media.addAll(carried.mediaOutcomes());
      window.restore(carried);
    }
    Workflow.upsertTypedSearchAttributes(
        HandoffSearchAttributes.SESSION_ID.valueSet(sessionId),
        HandoffSearchAttributes.STATUS.valueSet(phase.name()),
        HandoffSearchAttributes.STEP.valueSet(step.name()));
    if (workstreamId != null) {
      Workflow.upsertTypedSearchAttributes(
          HandoffSearchAttributes.WORKSTREAM_ID.valueSet(workstreamId));
    }
  }

  String workstreamId() {
    return workstreamId;
  }

  boolean workItemCreated() {
    return workItemCreated;
  }

  ContactRule contactRule() {
    return contactRule;
  }

  Phase phase() {
    return phase;
  }

  Step step() {
    return step;
  }

  List<MediaOutcome> media() {
    return List.copyOf(media);
  }

  void enterStep(Step next) {
    step = next;
    attempts = 0;
    lastError = null;
    Workflow.upsertTypedSearchAttributes(HandoffSearchAttributes.STEP.valueSet(next.name()));
  }

  void countAttempt() {
    attempts++;
  }

  void retarget(String newWorkstreamId) {
    workstreamId = newWorkstreamId;
    Workflow.upsertTypedSearchAttributes(
        HandoffSearchAttributes.WORKSTREAM_ID.valueSet(newWorkstreamId));
  }

  void contactResolved(ContactRule rule) {
    contactRule = rule;
    Workflow.upsertTypedSearchAttributes(
        HandoffSearchAttributes.CONTACT_LINKED.valueSet(rule != null && rule.links()));
  }

  void workItemCreated(String effectiveWorkstreamId) {
    workItemCreated = true;
    Workflow.upsertTypedSearchAttributes(HandoffSearchAttributes.WORK_ITEM_ID.valueSet(workItemId));
    if (effectiveWorkstreamId != null && !effectiveWorkstreamId.equals(workstreamId)) {
      retarget(effectiveWorkstreamId);
    }
  }

  void mediaDone(MediaOutcome outcome) {
    media.add(outcome);
  }

  /** A step failed in a way retries did not fix: show it and wait for an operator. */
  void park(String error, String nextAutomaticRetry) {
    lastError = error;
    if (phase != Phase.NeedsAttention) {
      phaseBeforeParking = phase;
      setPhase(Phase.NeedsAttention);
    }
    Workflow.setCurrentDetails(
        "**Needs attention** at step `"
            + step
            + "` after "
            + attempts
            + " attempt(s).\n\nError: "
            + error
            + "\n\nNext automatic retry: "
            + nextAutomaticRetry
            + ". Operators: retry (optionally with a new workstreamId), skip (media and audit"
            + " only) or cancel.");
  }

  void unpark() {
    if (phase == Phase.NeedsAttention) {
      setPhase(phaseBeforeParking);
      Workflow.setCurrentDetails("");
    }
  }

  void handedOff() {
    step = Step.TemplateWindow;
    setPhase(Phase.HandedOff);
    Workflow.upsertTypedSearchAttributes(HandoffSearchAttributes.STEP.valueSet(step.name()));
  }

  void end(Phase finalPhase, String reason) {
    outcomeReason = reason;
    step = Step.Done;
    setPhase(finalPhase);
    Workflow.upsertTypedSearchAttributes(HandoffSearchAttributes.STEP.valueSet(step.name()));
    Workflow.setCurrentDetails("Ended **" + finalPhase + "**: " + reason);
  }

  private void setPhase(Phase next) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(HandoffSearchAttributes.STATUS.valueSet(next.name()));
  }

  HandoffStatus view() {
    return new HandoffStatus(
        sessionId,
        workflowId,
        phase,
        step,
        workstreamId,
        workItemCreated ? workItemId : null,
        contactRule != null && contactRule.links(),
        contactRule,
        new TemplateWindow(window.isOpen(), window.closesAt()),
        lastError,
        attempts,
        outcomeReason,
        List.copyOf(media));
  }
}
