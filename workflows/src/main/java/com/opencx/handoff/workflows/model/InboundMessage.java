package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A customer message OpenCX received after the handoff started. It moves the WhatsApp template
 * window forward (never back) and brings its text and media, which the Direct Line route relays to
 * the rep (SPEC §10); a repeated {@code messageId} is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(
    String messageId,
    Instant receivedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String text,
    List<MediaItem> media) {

  public InboundMessage {
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** A message with media only (or neither: it still moves the window). */
  public InboundMessage(String messageId, Instant receivedAt, List<MediaItem> media) {
    this(messageId, receivedAt, null, media);
  }
}
