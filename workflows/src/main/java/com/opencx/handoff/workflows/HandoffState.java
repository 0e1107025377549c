package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import com.opencx.handoff.workflows.model.TemplateWindow;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ApplicationFailure;
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

  /**
   * Runs recorded before {@link HandoffWorkflowImpl#CLOSE_CANCELS_STEPS} replay without it: a close
   * did not cancel a running step, and a failed media transfer got neither a note nor an audit.
   */
  final boolean closeCancelsSteps;

  final boolean notesEveryMediaFailure;

  private String workstreamId;
  private Phase phase = Phase.InProgress;
  private Phase phaseBeforeParking;
  private Step step = Step.ValidateSession;
  private boolean workItemCreated;
  private boolean handedOffOnce;
  private ContactRule contactRule;
  private String lastError;
  private int attempts;
  private String outcomeReason;
  private final List<MediaOutcome> media = new ArrayList<>();

  HandoffState(HandoffRequest request, CarriedOver carried, int version) {
    requireWellFormed(request);
    this.closeCancelsSteps = version >= 1;
    this.notesEveryMediaFailure = version >= 1;
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
      handedOffOnce = true;
      step = Step.TemplateWindow;
      media.addAll(carried.mediaOutcomes());
      window.restore(carried);
    }
    List<SearchAttributeUpdate<?>> initial = new ArrayList<>();
    initial.add(HandoffSearchAttributes.SESSION_ID.valueSet(sessionId));
    initial.add(HandoffSearchAttributes.STATUS.valueSet(phase.name()));
    initial.add(HandoffSearchAttributes.STEP.valueSet(step.name()));
    if (workstreamId != null) {
      initial.add(HandoffSearchAttributes.WORKSTREAM_ID.valueSet(workstreamId));
    }
    if (carried != null) {
      initial.add(HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN.valueSet(window.isOpen()));
    }
    upsert(initial.toArray(SearchAttributeUpdate<?>[]::new));
  }

  /** One upsert (one history event) per change of state, however many attributes it touches. */
  private static void upsert(SearchAttributeUpdate<?>... updates) {
    Workflow.upsertTypedSearchAttributes(updates);
  }

  /**
   * SDK clients skip the API's validation; a request this workflow cannot even identify fails at
   * once, naming the field, rather than retrying a broken workflow task forever.
   */
  private static void requireWellFormed(HandoffRequest request) {
    String sessionId = request == null ? null : request.sessionId();
    if (sessionId == null || !sessionId.matches("[A-Za-z0-9_-]{1,128}")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sessionId is required: 1-128 characters of A-Z, a-z, 0-9, '_' and '-'",
          FailureTypes.INVALID_REQUEST);
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
    attempts = 0;
    lastError = null;
    if (next != step) {
      step = next;
      upsert(HandoffSearchAttributes.STEP.valueSet(next.name()));
    }
  }

  void countAttempt() {
    attempts++;
  }

  void retarget(String newWorkstreamId) {
    workstreamId = newWorkstreamId;
    upsert(HandoffSearchAttributes.WORKSTREAM_ID.valueSet(newWorkstreamId));
  }

  /**
   * Step 2's answer: the contact rule, and the worker's default workstream, which is the one in
   * effect when the request named none (shown and searchable before any Dynamics write).
   */
  void contactResolved(ContactRule rule, String defaultWorkstreamId) {
    contactRule = rule;
    boolean linked = rule != null && rule.links();
    if (workstreamId == null && defaultWorkstreamId != null) {
      workstreamId = defaultWorkstreamId;
      upsert(
          HandoffSearchAttributes.CONTACT_LINKED.valueSet(linked),
          HandoffSearchAttributes.WORKSTREAM_ID.valueSet(workstreamId));
    } else {
      upsert(HandoffSearchAttributes.CONTACT_LINKED.valueSet(linked));
    }
  }

  void workItemCreated(String effectiveWorkstreamId) {
    workItemCreated = true;
    if (effectiveWorkstreamId != null && !effectiveWorkstreamId.equals(workstreamId)) {
      workstreamId = effectiveWorkstreamId;
      upsert(
          HandoffSearchAttributes.WORK_ITEM_ID.valueSet(workItemId),
          HandoffSearchAttributes.WORKSTREAM_ID.valueSet(effectiveWorkstreamId));
    } else {
      upsert(HandoffSearchAttributes.WORK_ITEM_ID.valueSet(workItemId));
    }
  }

  void mediaDone(MediaOutcome outcome) {
    media.add(outcome);
  }

  /** The {@code media.skipped} audit event of a media item is recorded. */
  void mediaAudited(String mediaId, String auditEventId) {
    media.replaceAll(m -> m.mediaId().equals(mediaId) ? m.audited(auditEventId) : m);
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

  /** True once OpenCX knows and the rep has the chat (it stays true while parked later). */
  boolean handedOffOnce() {
    return handedOffOnce;
  }

  void handedOff() {
    handedOffOnce = true;
    step = Step.TemplateWindow;
    phase = Phase.HandedOff;
    upsert(
        HandoffSearchAttributes.STATUS.valueSet(phase.name()),
        HandoffSearchAttributes.STEP.valueSet(step.name()),
        HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN.valueSet(window.isOpen()));
  }

  /** The handoff's last state change; returns its result. */
  HandoffResult end(Phase finalPhase, String reason) {
    outcomeReason = reason;
    step = Step.Done;
    phase = finalPhase;
    upsert(
        HandoffSearchAttributes.STATUS.valueSet(finalPhase.name()),
        HandoffSearchAttributes.STEP.valueSet(step.name()));
    Workflow.setCurrentDetails("Ended **" + finalPhase + "**: " + reason);
    return new HandoffResult(sessionId, finalPhase, workItemCreated ? workItemId : null, reason);
  }

  private void setPhase(Phase next) {
    phase = next;
    upsert(HandoffSearchAttributes.STATUS.valueSet(next.name()));
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
        new TemplateWindow(window.isOpen() && !phase.isFinal(), window.closesAt()),
        lastError,
        attempts,
        outcomeReason,
        List.copyOf(media));
  }
}
