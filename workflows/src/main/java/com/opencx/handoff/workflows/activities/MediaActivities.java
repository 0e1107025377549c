package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.activity.ActivityInterface;

/**
 * Step 4: one media item streamed from OpenCX onto the conversation: on the Direct Line route as an
 * attachment the rep sees in the chat when Direct Line takes it (4 MB), otherwise, and on the
 * record route, as a note on the work item. An item that is too large or of a type refused is not
 * uploaded; a note naming it and the reason is written instead and the outcome says Skipped. The
 * workflow runs several of these in parallel, bounded.
 */
@ActivityInterface
public interface MediaActivities {

  MediaOutcome attachMedia(MediaAttachment attachment);

  /**
   * The note for an item the workflow could not attach (Dynamics refused it, or its transfer's
   * retries ran out): it names the file, its size and type, and {@code reason}, under the item's
   * own annotation id, so a repeat finds it. Returns the Skipped outcome.
   */
  MediaOutcome noteNotAttached(MediaAttachment attachment, String reason);

  /**
   * The item, where it goes, and the note id chosen by the workflow; {@code conversationId} (the
   * Direct Line conversation, with the {@code workstreamId} whose channel holds it) is null on the
   * record route.
   */
  record MediaAttachment(
      String sessionId,
      String workItemId,
      String annotationId,
      MediaItem item,
      String conversationId,
      String workstreamId) {

    /** An item for the work item's notes only (the record route). */
    public MediaAttachment(
        String sessionId, String workItemId, String annotationId, MediaItem item) {
      this(sessionId, workItemId, annotationId, item, null, null);
    }
  }
}
