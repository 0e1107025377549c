package com.opencx.handoff.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * A customer message OpenCX received after the handoff started. It moves the WhatsApp template
 * window forward (never back) and brings its media; a repeated {@code messageId} is ignored.
 */
public record InboundMessage(String messageId, Instant receivedAt, List<MediaItem> media) {

  public InboundMessage {
    media = media == null ? List.of() : List.copyOf(media);
  }
}
