package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A handoff's state as it hands it to its next run when it continues-as-new to keep its history
 * bounded: the routing and contact, the template window as last published with the message ids
 * already seen (so duplicates stay ignored) and media not yet attached, and the media outcomes.
 * Built by the state itself ({@code HandoffState.carryOver()}); nothing here is derivable from the
 * request. Runs that continued before may also carry {@code workItemId}, which is now derived from
 * the session id and ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CarriedOver(
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
