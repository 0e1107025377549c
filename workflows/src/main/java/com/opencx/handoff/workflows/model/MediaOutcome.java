package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one media item: attached (as a note, or on the Direct Line route as the
 * attachment of the conversation's activity {@code activityId}), or skipped with the reason the rep
 * reads in the note that names the file instead. {@code annotationId} is null when the file went
 * over Direct Line or when not even that note could be written; {@code auditEventId} names the
 * {@code media.skipped} audit event once it is recorded.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaOutcome(
    String mediaId,
    Status status,
    String annotationId,
    String reason,
    String auditEventId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String activityId) {

  public MediaOutcome(String mediaId, Status status, String annotationId, String reason) {
    this(mediaId, status, annotationId, reason, null, null);
  }

  /** Attached over Direct Line, as the attachment of the conversation's activity {@code id}. */
  public static MediaOutcome sentOverDirectLine(String mediaId, String activityId) {
    return new MediaOutcome(mediaId, Status.Attached, null, null, null, activityId);
  }

  /** The same outcome, with its audit event recorded. */
  public MediaOutcome audited(String eventId) {
    return new MediaOutcome(mediaId, status, annotationId, reason, eventId, activityId);
  }

  /** Attached: the file is on the conversation. Skipped: a note explains why it is not. */
  public enum Status {
    Attached,
    Skipped
  }
}
