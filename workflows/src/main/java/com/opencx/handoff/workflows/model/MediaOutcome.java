package com.opencx.handoff.workflows.model;

/**
 * What happened to one media item: attached as a note, or skipped with the reason the rep reads in
 * the note that names the file instead.
 */
public record MediaOutcome(String mediaId, Status status, String annotationId, String reason) {

  /** Attached: the file is on the conversation. Skipped: a note explains why it is not. */
  public enum Status {
    Attached,
    Skipped
  }
}
