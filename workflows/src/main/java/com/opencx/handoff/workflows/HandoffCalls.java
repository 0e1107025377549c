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
import io.temporal.activity.ActivityCancellationType;
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
import java.util.TreeMap;

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

  /** The options of OpenCX calls, Dataverse calls and media transfers, in that order. */
  record Options(ActivityOptions openCx, ActivityOptions dataverse, ActivityOptions media) {

    /** These options, but a run recorded before a close cancelled steps keeps TRY_CANCEL. */
    static Options of(
        HandoffState state,
        ActivityOptions openCx,
        ActivityOptions dataverse,
        ActivityOptions media) {
      return state.closeCancelsSteps
          ? new Options(openCx, dataverse, media)
          : new Options(tryCancel(openCx), tryCancel(dataverse), tryCancel(media));
    }

    private static ActivityOptions tryCancel(ActivityOptions options) {
      return ActivityOptions.newBuilder(options)
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .build();
    }
  }

  HandoffCalls(HandoffState state, StepRunner steps, Options options, int mediaParallelism) {
    this.state = state;
    this.steps = steps;
    this.openCx = options.openCx();
    this.dataverse = options.dataverse();
    this.media = options.media();
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

  /**
   * One audit event; optional, so an operator may skip it if OpenCX's audit is down for good.
   * Returns the event's id once it is written, null when it was skipped.
   */
  String audit(String type, String occasion, Map<String, String> details) {
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
    Boolean written =
        steps.optional(
            Step.WriteAudit,
            () -> {
              audit.writeAuditEvent(event);
              return Boolean.TRUE;
            });
    return written == null ? null : event.eventId();
  }

  /**
   * Tells OpenCX the handoff did not happen (so the AI resumes) and audits why. Both are optional
   * steps: if OpenCX stays unreachable past the parking deadline the handoff still ends.
   */
  void handoffDidNotHappen(String auditType, String reason, Map<String, String> extraAudit) {
    steps.optional(
        Step.Done,
        () -> {
          sessions("Tell OpenCX the handoff did not happen")
              .notifyHandoffFailed(
                  new HandoffFailedInput(state.sessionId, state.workflowId, reason));
          return Boolean.TRUE;
        });
    Map<String, String> details = new TreeMap<>(extraAudit);
    details.put("reason", reason);
    details.put("workItemCreated", "" + state.workItemCreated());
    audit(auditType, null, details);
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
   * transfer fails for good (Dynamics refused it, or its retries ran out) gets a note naming it and
   * why instead of holding the handoff: the rep already has the conversation. Returns this batch's
   * outcomes for {@link #auditSkippedMedia}, which must run outside any concurrent step.
   */
  List<MediaOutcome> attachMedia(List<MediaItem> items) {
    List<MediaOutcome> outcomes = new ArrayList<>();
    for (int from = 0; from < items.size(); from += mediaParallelism) {
      List<MediaAttachment> batch = new ArrayList<>();
      List<Promise<MediaOutcome>> transfers = new ArrayList<>();
      for (MediaItem item : items.subList(from, Math.min(items.size(), from + mediaParallelism))) {
        MediaAttachment attachment =
            new MediaAttachment(
                state.sessionId,
                state.workItemId,
                HandoffIds.annotationId(state.sessionId, item.mediaId()),
                item);
        batch.add(attachment);
        transfers.add(
            Async.function(media("Attach media " + item.mediaId())::attachMedia, attachment));
      }
      for (int i = 0; i < batch.size(); i++) {
        MediaOutcome outcome = outcomeOf(transfers.get(i), batch.get(i));
        state.mediaDone(outcome);
        outcomes.add(outcome);
      }
    }
    return outcomes;
  }

  /** One {@code media.skipped} audit event per item not attached, keyed by its media id. */
  void auditSkippedMedia(List<MediaOutcome> outcomes) {
    if (!state.notesEveryMediaFailure) {
      return; // histories from before media outcomes were audited
    }
    for (MediaOutcome outcome : outcomes) {
      if (outcome.status() != MediaOutcome.Status.Skipped) {
        continue;
      }
      Map<String, String> details = new TreeMap<>();
      details.put("mediaId", outcome.mediaId());
      details.put("reason", outcome.reason());
      details.put("noteWritten", String.valueOf(outcome.annotationId() != null));
      String eventId = audit("media.skipped", outcome.mediaId(), details);
      if (eventId != null) {
        state.mediaAudited(outcome.mediaId(), eventId);
      }
    }
  }

  private MediaOutcome outcomeOf(Promise<MediaOutcome> transfer, MediaAttachment attachment) {
    try {
      return transfer.get();
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        throw failure;
      }
      String reason = MediaFailures.reasonFor(failure);
      if (!state.notesEveryMediaFailure) {
        return new MediaOutcome(
            attachment.item().mediaId(), MediaOutcome.Status.Skipped, null, reason);
      }
      try {
        MediaActivities notes =
            Workflow.newActivityStub(
                MediaActivities.class,
                summarised(
                    dataverse, "Note media " + attachment.item().mediaId() + " not attached"));
        return notes.noteNotAttached(attachment, reason);
      } catch (ActivityFailure noteFailed) {
        if (noteFailed.getCause() instanceof CanceledFailure) {
          throw noteFailed;
        }
        return new MediaOutcome(
            attachment.item().mediaId(),
            MediaOutcome.Status.Skipped,
            null,
            reason + "; no note could be written (" + StepRunner.describe(noteFailed) + ")");
      }
    }
  }

  private MediaActivities media(String summary) {
    return Workflow.newActivityStub(MediaActivities.class, summarised(media, summary));
  }

  /** Summaries are capped well inside Temporal's 200-byte limit (ids can be long). */
  private static ActivityOptions summarised(ActivityOptions options, String summary) {
    String capped = summary.length() > 120 ? summary.substring(0, 119) + "…" : summary;
    return ActivityOptions.newBuilder(options).setSummary(capped).build();
  }
}
