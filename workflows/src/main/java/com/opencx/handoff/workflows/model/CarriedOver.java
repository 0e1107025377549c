package com.opencx.handoff.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * What a handoff hands to its next run when it continues-as-new to keep its history bounded: the
 * work item, the template window, the message ids already seen (so duplicates stay ignored) and
 * media not yet attached.
 */
public record CarriedOver(
    String workItemId,
    String workstreamId,
    ContactRule contactRule,
    Instant lastInboundAt,
    boolean windowOpen,
    Instant windowPublishedClosesAt,
    List<String> seenMessageIds,
    List<MediaItem> pendingMedia,
    List<MediaOutcome> mediaOutcomes) {

  public CarriedOver {
    seenMessageIds = seenMessageIds == null ? List.of() : List.copyOf(seenMessageIds);
    pendingMedia = pendingMedia == null ? List.of() : List.copyOf(pendingMedia);
    mediaOutcomes = mediaOutcomes == null ? List.of() : List.copyOf(mediaOutcomes);
  }
}
