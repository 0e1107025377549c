package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import com.opencx.handoff.workflows.model.TemplateWindow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What one handoff knows about itself, and the single owner of what it publishes: every change of
 * phase, step, work item, contact or window goes through here so the status query, the search
 * attributes ({@link Publisher}) and the Temporal UI's current details never disagree; and it is
 * what a continue-as-new carries over. Holds no phone, email or name.
 */
final class HandoffState {

  final String sessionId;
  final String workflowId;
  final TemplateWindowClock window;

  /**
   * Runs recorded before {@link HandoffWorkflowImpl#CHANGES} version 1 replay without it: a close
   * did not cancel a running step, and a failed media transfer got neither a note nor an audit.
   */
  final boolean closeCancelsSteps;

  final boolean notesEveryMediaFailure;

  /** Version 2: read-only steps run as local activities, and search attributes change less. */
  final boolean lean;

  /** Version 3: OpenCX's idempotent writes (mark handed off, audit) are local activities too. */
  final boolean localOpenCxWrites;

  /** Version 4: the worker's route is honoured (before it, every run took the record route). */
  final boolean directLineRoute;

  /** Version 5: each later message's text and media are passed on together, in arrival order. */
  final boolean inArrivalOrder;

  /** Version 6: on the Direct Line route the rep's replies are relayed back to the customer. */
  final boolean relaysReplies;

  /**
   * Version 7: Dataverse calls, the contact lookup included, are activities on the Dataverse task
   * queue, whose server-side rate limit is the deployment's one Dataverse budget.
   */
  final boolean sharedDataverseBudget;

  private final Publisher publish;
  private HandoffPolicy policy = HandoffPolicy.BEFORE_SETTINGS;
  private String workItemId;
  private String conversationId;
  private String workstreamId;
  private Phase phase = Phase.InProgress;
  private Phase phaseBeforeParking;
  private Step step = Step.ValidateSession;
  private boolean workItemCreated;
  private boolean handedOffOnce;
  private ContactRule contactRule;
  private String lastError;
  private String lastErrorType;
  private boolean skippable;
  private boolean relayFailing;
  private int attempts;
  private String outcomeReason;
  private final List<MediaOutcome> media = new ArrayList<>();

  HandoffState(HandoffRequest request, CarriedOver carried, int version) {
    requireWellFormed(request);
    this.closeCancelsSteps = version >= 1;
    this.notesEveryMediaFailure = version >= 1;
    this.lean = version >= 2;
    this.localOpenCxWrites = version >= 3;
    this.directLineRoute = version >= 4;
    this.inArrivalOrder = version >= 5;
    this.relaysReplies = version >= 6;
    this.sharedDataverseBudget = version >= 7;
    this.sessionId = request.sessionId();
    this.workflowId = Workflow.getInfo().getWorkflowId();
    this.workItemId = HandoffIds.workItemId(sessionId);
    this.workstreamId = request.workstreamId();
    this.window = new TemplateWindowClock(request.lastInboundAt(), inArrivalOrder);
    if (carried != null) {
      workItemId = carried.workItemId() != null ? carried.workItemId() : workItemId;
      conversationId = carried.conversationId();
      workstreamId = carried.workstreamId();
      workItemCreated = true; // a run continues only after the handoff
      contactRule = carried.contactRule();
      phase = Phase.HandedOff;
      handedOffOnce = true;
      step = Step.TemplateWindow;
      media.addAll(carried.mediaOutcomes());
      window.restore(carried);
    }
    this.publish = new Publisher(lean);
    publish.initial(sessionId, phase, step, workstreamId, carried == null ? null : window.isOpen());
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

  /** The worker's timer settings for this run, read once at its start. */
  void usePolicy(HandoffPolicy runPolicy) {
    policy = runPolicy;
    window.useLength(runPolicy.window(), !handedOffOnce);
  }

  HandoffPolicy policy() {
    return policy;
  }

  String workstreamId() {
    return workstreamId;
  }

  /**
   * The live work item's id: derived from the session id on the record route (chosen before the
   * create), Omnichannel's own on the Direct Line route (known once routing created it).
   */
  String workItemId() {
    return workItemId;
  }

  /**
   * The Direct Line conversation of this handoff, once started; null before and on the record
   * route.
   */
  String conversationId() {
    return conversationId;
  }

  /** Kept the moment it is known: every later post goes to this conversation and no other. */
  void conversationStarted(String id) {
    conversationId = id;
  }

  /** Omnichannel's routing created the conversation record with this id (Direct Line route). */
  void routedTo(String id) {
    workItemId = id;
  }

  /**
   * True when this handoff goes over Direct Line: its conversation exists (a continued run keeps
   * the route it started with, whatever the worker says now), or the run is version 4 or later and
   * the worker's route is {@code direct-line}.
   */
  boolean directLine() {
    return conversationId != null || (directLineRoute && policy.directLine());
  }

  boolean workItemCreated() {
    return workItemCreated;
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
      publish.stepEntered(next);
    }
  }

  void countAttempt() {
    attempts++;
  }

  void retarget(String newWorkstreamId) {
    workstreamId = newWorkstreamId;
    publish.workstream(newWorkstreamId);
  }

  /**
   * Step 2's answer: the contact rule, and the worker's default workstream, which is the one in
   * effect when the request named none (shown and searchable before any Dynamics write).
   */
  void contactResolved(ContactRule rule, String defaultWorkstreamId) {
    contactRule = rule;
    boolean adoptDefault = workstreamId == null && defaultWorkstreamId != null;
    if (adoptDefault) {
      workstreamId = defaultWorkstreamId;
    }
    publish.contact(rule != null && rule.links(), adoptDefault ? workstreamId : null);
  }

  void workItemCreated(String effectiveWorkstreamId) {
    workItemCreated = true;
    boolean moved = effectiveWorkstreamId != null && !effectiveWorkstreamId.equals(workstreamId);
    if (moved) {
      workstreamId = effectiveWorkstreamId;
    }
    publish.workItem(workItemId, moved ? workstreamId : null);
    HandoffMetrics.workItemCreated(directLine());
  }

  void mediaDone(MediaOutcome outcome) {
    media.add(outcome);
  }

  /** The {@code media.skipped} audit event of a media item is recorded. */
  void mediaAudited(String mediaId, String auditEventId) {
    media.replaceAll(m -> m.mediaId().equals(mediaId) ? m.audited(auditEventId) : m);
  }

  /** A step failed in a way retries did not fix: show it and wait for an operator. */
  void park(String error, String errorType, String nextAutomaticRetry, boolean optional) {
    needsAttention(
        error,
        errorType,
        optional,
        "**Needs attention** at step `"
            + step
            + "` after "
            + attempts
            + " attempt(s).\n\nError: "
            + error
            + "\n\nNext automatic retry: "
            + nextAutomaticRetry
            + ". Operators: retry (before the work item exists optionally with a new"
            + " workstreamId), "
            + (optional ? "skip (this step may be skipped) " : "")
            + "or cancel.");
  }

  private void needsAttention(String error, String errorType, boolean optional, String details) {
    lastError = error;
    boolean newType = !errorType.equals(lastErrorType);
    lastErrorType = errorType;
    skippable = optional;
    if (phase != Phase.NeedsAttention) {
      phaseBeforeParking = phase;
      phase = Phase.NeedsAttention;
      publish.parked(step, errorType);
      HandoffMetrics.parked(step, errorType);
    } else if (newType) {
      publish.errorTypeChanged(errorType);
    }
    Workflow.setCurrentDetails(details);
  }

  void unpark() {
    if (phase == Phase.NeedsAttention) {
      phase = phaseBeforeParking;
      lastErrorType = null;
      skippable = false;
      publish.unparked(phase, step);
      Workflow.setCurrentDetails("");
    }
  }

  /**
   * The reply relay cannot read the rep's side: NeedsAttention at step RelayReplies, shown like a
   * park but with no step waiting (the relay retries by itself; an operator may only cancel).
   */
  void relayFailing(String error, String errorType) {
    if (phase != Phase.HandedOff && !relayFailing) {
      return; // a parked step already shows what needs attention
    }
    relayFailing = true;
    step = Step.RelayReplies;
    needsAttention(
        error,
        errorType,
        false,
        "**Needs attention** at step `RelayReplies`.\n\nError: "
            + error
            + "\n\nThe relay retries by itself; the handoff is back to HandedOff as soon as it"
            + " reads again. Operators: cancel ends the handoff.");
  }

  boolean relayFailing() {
    return relayFailing;
  }

  /** The relay reads the rep's side again. */
  void relayRecovered() {
    if (relayFailing) {
      relayFailing = false;
      step = Step.TemplateWindow;
      unpark();
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
    publish.handedOff(window.isOpen());
    HandoffMetrics.outcome(Phase.HandedOff, directLine());
  }

  /** The window's open/closed state as last published to Dynamics changed. */
  void windowPublished(boolean open) {
    boolean changed = open != window.isOpen();
    window.published(open);
    if (changed) {
      publish.windowOpen(open);
    }
  }

  /** The handoff's last state change; returns its result. */
  HandoffResult end(Phase finalPhase, String reason) {
    outcomeReason = reason;
    step = Step.Done;
    phase = finalPhase;
    publish.ended(finalPhase, window.isOpen());
    HandoffMetrics.outcome(finalPhase, directLine());
    Workflow.setCurrentDetails("Ended **" + finalPhase + "**: " + reason);
    return new HandoffResult(sessionId, finalPhase, workItemCreated ? workItemId : null, reason);
  }

  /** What the next run starts from when this one continues-as-new. */
  CarriedOver carryOver() {
    return window.carryOver(
        workItemId, conversationId, workstreamId, contactRule, List.copyOf(media));
  }

  HandoffStatus view() {
    return new HandoffStatus(
        sessionId,
        workflowId,
        phase,
        step,
        workstreamId,
        workItemCreated ? workItemId : null,
        conversationId,
        contactRule != null && contactRule.links(),
        contactRule,
        new TemplateWindow(window.isOpen() && !phase.isFinal(), window.closesAt()),
        lastError,
        lastErrorType,
        attempts,
        skippable && phase == Phase.NeedsAttention,
        outcomeReason,
        List.copyOf(media),
        directLine() ? HandoffStatus.LINKED_BY_OMNICHANNEL : HandoffStatus.LINKED_BY_HANDOFF);
  }
}
