package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.DirectLineActivities.AwaitWorkItem;
import com.opencx.handoff.workflows.activities.DirectLineActivities.PostHandoff;
import com.opencx.handoff.workflows.activities.DirectLineActivities.PostMessage;
import com.opencx.handoff.workflows.activities.DirectLineActivities.StartConversation;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.SessionActivities.MarkHandedOffInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidateSessionInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Posts already tried in this run: a second try must read back first (Direct Line keeps all). */
  private final Set<String> triedPosts = new HashSet<>();

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
        .validateSession(new ValidateSessionInput(request, state.workItemId()));
  }

  /** 2. "No match" or "several" links no contact; it never fails the handoff. */
  ContactMatch resolveContact(ValidatedSession session) {
    ContactMatch contact =
        calls
            .contactLookup("Resolve the Dynamics contact")
            .resolveContact(new ContactQuery(session.email(), session.phoneE164()));
    state.contactResolved(contact.rule(), contact.defaultWorkstreamId());
    return contact;
  }

  /**
   * 3. The live work item: on the record route written with its context items under the id chosen
   * from the session; on the Direct Line route created by Omnichannel's routing from the posted
   * conversation (SPEC §10).
   */
  WorkItemCreated createWorkItem(ValidatedSession session, ContactMatch contact) {
    WorkItemCreated created =
        state.directLine() ? routeOverDirectLine(session) : writeRecord(session, contact);
    state.workItemCreated(created.workstreamId());
    return created;
  }

  private WorkItemCreated writeRecord(ValidatedSession session, ContactMatch contact) {
    return calls
        .dynamics("Create live work item " + state.workItemId())
        .createWorkItem(
            new WorkItemDraft(
                state.workItemId(),
                state.sessionId,
                state.workstreamId(),
                contact.contactId(),
                TextCut.summary(request.summary()),
                session.phoneE164(),
                state.window.closesAt()));
  }

  /**
   * The conversation is started once and kept in state before anything is posted, so a retry of
   * this step posts to the same conversation; the posts themselves are exactly-once.
   */
  private WorkItemCreated routeOverDirectLine(ValidatedSession session) {
    if (state.conversationId() == null) {
      state.conversationStarted(
          calls
              .directLine("Start the Direct Line conversation")
              .startConversation(new StartConversation(state.sessionId, state.workstreamId())));
    }
    calls
        .directLine("Post the handoff to the rep")
        .postHandoff(
            new PostHandoff(
                state.conversationId(),
                state.sessionId,
                state.workstreamId(),
                session.name(),
                session.email(),
                session.phoneE164(),
                state.window.closesAt(),
                request.summary(),
                request.transcript(),
                !triedPosts.add("handoff")));
    String workItemId =
        calls
            .routing(state.policy().routingTimeout())
            .awaitWorkItem(new AwaitWorkItem(state.sessionId, state.policy().routingTimeout()));
    state.routedTo(workItemId);
    return new WorkItemCreated(workItemId, false, state.workstreamId());
  }

  /** After the handoff: a customer's text goes to the rep's conversation, once (Direct Line). */
  Boolean relay(InboundMessage message) {
    calls
        .directLine("Relay customer message " + message.messageId())
        .postMessage(
            new PostMessage(
                state.conversationId(),
                state.sessionId,
                state.workstreamId(),
                request.customer() == null ? null : request.customer().name(),
                message.messageId(),
                message.text(),
                !triedPosts.add(message.messageId())));
    triedPosts.remove(message.messageId());
    return Boolean.TRUE;
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
            new MarkHandedOffInput(state.sessionId, state.workItemId(), state.workflowId, now));
    return Boolean.TRUE;
  }

  /** 6. The audit records the handoff; returns the event's id. */
  String auditHandedOff(ContactMatch contact, WorkItemCreated created) {
    return calls.writeAudit(
        "handoff.created",
        null,
        Map.of(
            "workItemId", state.workItemId(),
            "contactRule", String.valueOf(contact.rule()),
            "alreadyExisted", String.valueOf(created.alreadyExisted()),
            "mediaCount", String.valueOf(request.media().size())));
  }
}
