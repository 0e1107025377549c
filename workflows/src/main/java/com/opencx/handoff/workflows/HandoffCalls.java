package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.activities.SessionActivities.HandoffFailedInput;
import com.opencx.handoff.workflows.activities.SessionActivities.MarkHandedOffInput;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workflow's activity stubs. Each call gets its own stub so that it carries a summary of its
 * own in the Temporal UI ("Create the live work item", not "CreateWorkItem #3"); summaries name
 * steps and ids, never a phone number, email or name. Also the two call patterns used from more
 * than one place: writing an audit event and attaching a batch of media.
 */
final class HandoffCalls {

  private final HandoffState state;
  private final StepRunner steps;
  private final ActivityOptions openCx;
  private final ActivityOptions dataverse;
  private final ActivityOptions media;
  private final int mediaParallelism;

  HandoffCalls(
      HandoffState state,
      StepRunner steps,
      ActivityOptions openCx,
      ActivityOptions dataverse,
      ActivityOptions media,
      int mediaParallelism) {
    this.state = state;
    this.steps = steps;
    this.openCx = openCx;
    this.dataverse = dataverse;
    this.media = media;
    this.mediaParallelism = mediaParallelism;
  }

  SessionActivities sessions(String summary) {
    return Workflow.newActivityStub(SessionActivities.class, summarised(openCx, summary));
  }

  DynamicsActivities dynamics(String summary) {
    return Workflow.newActivityStub(DynamicsActivities.class, summarised(dataverse, summary));
  }

  /**
   * Steps 5 and 6, beside the media: OpenCX learns the session is handed off, then the audit
   * records it, and the handoff counts as HandedOff — the rep never waits for media.
   */
  void confirmHandoff(ContactRule rule, boolean alreadyExisted, List<MediaItem> media) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    steps.required(
        Step.MarkHandedOff,
        () -> {
          sessions("Mark OpenCX session handed off")
              .markSessionHandedOff(
                  new MarkHandedOffInput(state.sessionId, state.workItemId, state.workflowId, now));
          return Boolean.TRUE;
        });
    audit(
        "handoff.created",
        null,
        Map.of(
            "workItemId", state.workItemId,
            "contactRule", String.valueOf(rule),
            "alreadyExisted", String.valueOf(alreadyExisted),
            "mediaCount", String.valueOf(media.size())));
    state.handedOff();
  }

  /** One audit event; optional, so an operator may skip it if OpenCX's audit is down for good. */
  void audit(String type, String occasion, Map<String, String> details) {
    AuditEvent event =
        new AuditEvent(
            HandoffIds.auditEventId(state.sessionId, type, occasion),
            state.sessionId,
            state.workflowId,
            type,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            details);
    AuditActivities audit =
        Workflow.newActivityStub(AuditActivities.class, summarised(openCx, "Audit " + type));
    steps.optional(
        Step.WriteAudit,
        () -> {
          audit.writeAuditEvent(event);
          return Boolean.TRUE;
        });
  }

  /**
   * Tells OpenCX the handoff did not happen (so the AI resumes) and audits why. Both are optional
   * steps: if OpenCX stays unreachable past the parking deadline the handoff still ends.
   */
  void handoffDidNotHappen(String auditType, String reason) {
    steps.optional(
        Step.Done,
        () -> {
          sessions("Tell OpenCX the handoff did not happen")
              .notifyHandoffFailed(
                  new HandoffFailedInput(state.sessionId, state.workflowId, reason));
          return Boolean.TRUE;
        });
    audit(
        auditType, null, Map.of("reason", reason, "workItemCreated", "" + state.workItemCreated()));
  }

  /** Closes the rep's conversation; optional, so a Dataverse outage cannot hold a cancel. */
  void closeWorkItem() {
    steps.optional(
        Step.Done,
        () -> {
          dynamics("Close the rep's conversation").closeWorkItem(state.workItemId);
          return Boolean.TRUE;
        });
  }

  /**
   * Step 4: every item streamed to a note, {@code mediaParallelism} at a time. An item whose
   * transfer keeps failing is recorded as skipped rather than holding the handoff: the rep already
   * has the conversation, and the outcome is visible in the status and the audit.
   */
  void attachMedia(List<MediaItem> items) {
    for (int from = 0; from < items.size(); from += mediaParallelism) {
      List<Promise<MediaOutcome>> batch = new ArrayList<>();
      for (MediaItem item : items.subList(from, Math.min(items.size(), from + mediaParallelism))) {
        MediaActivities stub =
            Workflow.newActivityStub(
                MediaActivities.class, summarised(media, "Attach media " + item.mediaId()));
        MediaAttachment attachment =
            new MediaAttachment(
                state.sessionId,
                state.workItemId,
                HandoffIds.annotationId(state.sessionId, item.mediaId()),
                item);
        batch.add(Async.function(stub::attachMedia, attachment));
      }
      for (int i = 0; i < batch.size(); i++) {
        state.mediaDone(outcomeOf(batch.get(i), items.get(from + i)));
      }
    }
  }

  private static MediaOutcome outcomeOf(Promise<MediaOutcome> promise, MediaItem item) {
    try {
      return promise.get();
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        throw failure;
      }
      return new MediaOutcome(
          item.mediaId(),
          MediaOutcome.Status.Skipped,
          null,
          "transfer failed: " + StepRunner.describe(failure));
    }
  }

  /** Summaries are capped well inside Temporal's 200-byte limit (ids can be long). */
  private static ActivityOptions summarised(ActivityOptions options, String summary) {
    String capped = summary.length() > 120 ? summary.substring(0, 119) + "…" : summary;
    return ActivityOptions.newBuilder(options).setSummary(capped).build();
  }
}
