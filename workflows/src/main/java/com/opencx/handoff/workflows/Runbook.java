package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.SessionActivities.MarkHandedOffInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidateSessionInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of each of the handoff's six steps (SPEC §4.1): one call, and what the handoff learns
 * from its answer recorded in the state. {@link HandoffWorkflowImpl} runs them in order, each
 * wrapped by the {@link StepRunner} that parks it when it fails; none of them parks by itself.
 */
final class Runbook {

  private final HandoffRequest request;
  private final HandoffState state;
  private final HandoffCalls calls;
  private final MediaSteps media;

  Runbook(HandoffRequest request, HandoffState state, HandoffCalls calls, MediaSteps media) {
    this.request = request;
    this.state = state;
    this.calls = calls;
    this.media = media;
  }

  /** 1. The session can be handed off (else SessionRejected ends it Rejected). */
  ValidatedSession validateSession() {
    return calls
        .sessionReads("Validate OpenCX session " + state.sessionId)
        .validateSession(new ValidateSessionInput(request, state.workItemId));
  }

  /** 2. "No match" or "several" links no contact; it never fails the handoff. */
  ContactMatch resolveContact(ValidatedSession session) {
    ContactMatch contact =
        calls
            .dynamicsReads("Resolve the Dynamics contact")
            .resolveContact(new ContactQuery(session.email(), session.phoneE164()));
    state.contactResolved(contact.rule(), contact.defaultWorkstreamId());
    return contact;
  }

  /** 3. The live work item with its context items, under the id chosen from the session. */
  WorkItemCreated createWorkItem(ValidatedSession session, ContactMatch contact) {
    WorkItemCreated created =
        calls
            .dynamics("Create live work item " + state.workItemId)
            .createWorkItem(
                new WorkItemDraft(
                    state.workItemId,
                    state.sessionId,
                    state.workstreamId(),
                    contact.contactId(),
                    TextCut.summary(request.summary()),
                    session.phoneE164(),
                    state.window.closesAt()));
    state.workItemCreated(created.workstreamId());
    return created;
  }

  /** 4. Every media item to a note, or a note saying why not; never parks. */
  List<MediaOutcome> attachMedia() {
    return media.attachMedia(request.media());
  }

  /** After 4 to 6: each file not attached is audited, outside any concurrent step. */
  void auditSkippedMedia(List<MediaOutcome> outcomes) {
    media.auditSkippedMedia(outcomes);
  }

  /** 5. OpenCX learns the work item (a 409 means another one owns the session). */
  Boolean markHandedOff() {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    calls
        .sessionWrites("Mark OpenCX session handed off")
        .markSessionHandedOff(
            new MarkHandedOffInput(state.sessionId, state.workItemId, state.workflowId, now));
    return Boolean.TRUE;
  }

  /** 6. The audit records the handoff; returns the event's id. */
  String auditHandedOff(ContactMatch contact, WorkItemCreated created) {
    return calls.writeAudit(
        "handoff.created",
        null,
        Map.of(
            "workItemId", state.workItemId,
            "contactRule", String.valueOf(contact.rule()),
            "alreadyExisted", String.valueOf(created.alreadyExisted()),
            "mediaCount", String.valueOf(request.media().size())));
  }
}
