package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A handoff's state as it hands it to its next run when it continues-as-new to keep its history
 * bounded: the routing and contact, the template window as last published with the message ids
 * already seen (so duplicates stay ignored) and media not yet attached, the media outcomes, and the
 * Direct Line ids of the rep's messages already passed on (the relay may read one again). Built by
 * the state itself ({@code HandoffState.carryOver()}). {@code workItemId} and {@code
 * conversationId} are set on the Direct Line route only, where Omnichannel chooses the work item's
 * id; on the record route the id is derived from the session id (and a {@code workItemId} that runs
 * continued before carry is that same id).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CarriedOver(
    String workItemId,
    String conversationId,
    String workstreamId,
    ContactRule contactRule,
    Instant lastInboundAt,
    boolean windowOpen,
    Instant windowPublishedClosesAt,
    List<String> seenMessageIds,
    List<MediaItem> pendingMedia,
    List<MediaOutcome> mediaOutcomes,
    List<InboundMessage> pendingMessages,
    List<String> seenRepActivityIds) {

  /** Without the rep's side (runs before version 6 carried none). */
  public CarriedOver(
      String workItemId,
      String conversationId,
      String workstreamId,
      ContactRule contactRule,
      Instant lastInboundAt,
      boolean windowOpen,
      Instant windowPublishedClosesAt,
      List<String> seenMessageIds,
      List<MediaItem> pendingMedia,
      List<MediaOutcome> mediaOutcomes,
      List<InboundMessage> pendingMessages) {
    this(
        workItemId,
        conversationId,
        workstreamId,
        contactRule,
        lastInboundAt,
        windowOpen,
        windowPublishedClosesAt,
        seenMessageIds,
        pendingMedia,
        mediaOutcomes,
        pendingMessages,
        List.of());
  }

  /** The same, with the Direct Line activity ids of the rep's messages already passed on. */
  public CarriedOver withSeenRepActivityIds(List<String> ids) {
    return new CarriedOver(
        workItemId,
        conversationId,
        workstreamId,
        contactRule,
        lastInboundAt,
        windowOpen,
        windowPublishedClosesAt,
        seenMessageIds,
        pendingMedia,
        mediaOutcomes,
        pendingMessages,
        ids);
  }

  public CarriedOver {
    seenRepActivityIds = seenRepActivityIds == null ? List.of() : List.copyOf(seenRepActivityIds);
    pendingMessages = pendingMessages == null ? List.of() : List.copyOf(pendingMessages);
    seenMessageIds = seenMessageIds == null ? List.of() : List.copyOf(seenMessageIds);
    pendingMedia = pendingMedia == null ? List.of() : List.copyOf(pendingMedia);
    mediaOutcomes = mediaOutcomes == null ? List.of() : List.copyOf(mediaOutcomes);
  }
}
