package com.opencx.handoff.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * The start document of a handoff. The HTTP API accepts exactly this JSON and a client using a
 * Temporal SDK sends it as the workflow's first argument, so the two entry points cannot drift.
 * {@code workstreamId} is optional: without it the worker's configured workstream is used.
 */
public record HandoffRequest(
    String sessionId,
    String channel,
    Customer customer,
    String summary,
    Instant lastInboundAt,
    List<MediaItem> media,
    String workstreamId) {

  public HandoffRequest {
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** The customer as OpenCX knows them; phone is required, the rest helps find the contact. */
  public record Customer(String phone, String name, String email) {}
}
