package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The start document of a handoff. The HTTP API accepts exactly this JSON and a client using a
 * Temporal SDK sends it as the workflow's first argument, so the two entry points cannot drift.
 * {@code workstreamId} is optional: without it the worker's configured workstream is used; so is
 * {@code transcript}, the conversation before the handoff (at most 200 entries, 64 KB of text).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffRequest(
    String sessionId,
    String channel,
    Customer customer,
    String summary,
    Instant lastInboundAt,
    List<MediaItem> media,
    String workstreamId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TranscriptEntry> transcript) {

  public HandoffRequest {
    media = media == null ? List.of() : List.copyOf(media);
    transcript = transcript == null ? List.of() : List.copyOf(transcript);
  }

  /** A request without a transcript (the field is optional, SPEC §3.1). */
  public HandoffRequest(
      String sessionId,
      String channel,
      Customer customer,
      String summary,
      Instant lastInboundAt,
      List<MediaItem> media,
      String workstreamId) {
    this(sessionId, channel, customer, summary, lastInboundAt, media, workstreamId, null);
  }

  /** The customer as OpenCX knows them; phone is required, the rest helps find the contact. */
  public record Customer(String phone, String name, String email) {}
}
