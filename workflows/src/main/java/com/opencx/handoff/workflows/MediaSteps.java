package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step 4 and what follows it: media streamed a few at a time to the work item's notes (on the
 * Direct Line route into the conversation, the activity choosing by size), with the fallback that
 * keeps a failed file from holding the handoff (a note naming it and why) and the {@code
 * media.skipped} audit of each file not attached. Used by the handoff and, for media that arrives
 * later, by the window watch.
 */
final class MediaSteps {

  private final HandoffState state;
  private final HandoffCalls calls;

  MediaSteps(HandoffState state, HandoffCalls calls) {
    this.state = state;
    this.calls = calls;
  }

  /**
   * Step 4: every item streamed to a note, the run's {@code media-parallelism} (4 unless set; a
   * constant before it was a setting, and the same default schedules the same activities, so no
   * version marker) at a time. An item whose transfer fails for good (Dynamics refused it, or its
   * retries ran out) gets a note naming it and why instead of holding the handoff: the rep already
   * has the conversation. Returns this batch's outcomes for {@link #auditSkippedMedia}, which must
   * run outside any concurrent step.
   */
  List<MediaOutcome> attachMedia(List<MediaItem> items) {
    List<MediaOutcome> outcomes = new ArrayList<>();
    int parallelism = state.policy().mediaParallelism();
    for (int from = 0; from < items.size(); from += parallelism) {
      List<MediaAttachment> batch = new ArrayList<>();
      List<Promise<MediaOutcome>> transfers = new ArrayList<>();
      for (MediaItem item : items.subList(from, Math.min(items.size(), from + parallelism))) {
        MediaAttachment attachment =
            new MediaAttachment(
                state.sessionId,
                state.workItemId(),
                HandoffIds.annotationId(state.sessionId, item.mediaId()),
                item,
                state.directLine() ? state.conversationId() : null,
                state.workstreamId());
        batch.add(attachment);
        transfers.add(
            Async.function(calls.media("Attach media " + item.mediaId())::attachMedia, attachment));
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
      String eventId = calls.audit("media.skipped", outcome.mediaId(), details);
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
            calls.mediaNotes("Note media " + attachment.item().mediaId() + " not attached");
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
}
