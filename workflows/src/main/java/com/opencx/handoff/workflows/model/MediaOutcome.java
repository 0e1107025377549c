package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What happened to one media item: attached as a note, or skipped with the reason the rep reads in
 * the note that names the file instead. {@code annotationId} is null only when not even that note
 * could be written; {@code auditEventId} names the {@code media.skipped} audit event once it is
 * recorded.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaOutcome(
    String mediaId, Status status, String annotationId, String reason, String auditEventId) {

  public MediaOutcome(String mediaId, Status status, String annotationId, String reason) {
    this(mediaId, status, annotationId, reason, null);
  }

  /** The same outcome, with its audit event recorded. */
  public MediaOutcome audited(String eventId) {
    return new MediaOutcome(mediaId, status, annotationId, reason, eventId);
  }

  /** Attached: the file is on the conversation. Skipped: a note explains why it is not. */
  public enum Status {
    Attached,
    Skipped
  }
}
