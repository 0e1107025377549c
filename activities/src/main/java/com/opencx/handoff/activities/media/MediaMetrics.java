package com.opencx.handoff.activities.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The media transfer's metrics (SPEC §7): bytes sent on, by {@code destination} ({@code dataverse}
 * for a note's file, {@code directline} for a file in the rep's chat), and files not attached, by
 * {@code reason} (a {@link Refusal} code, never the file's name or the customer's caption). Bytes
 * are counted per request sent, so a retried upload counts its bytes again: it is the traffic, not
 * the number of distinct files' bytes.
 */
final class MediaMetrics {

  /** Counter (bytes): media bytes sent to Dataverse or Direct Line. */
  static final String BYTES = "handoff.media.bytes";

  /** Counter: media items not attached, the rep getting a note instead. */
  static final String REFUSALS = "handoff.media.refusals";

  static final String DATAVERSE = "dataverse";
  static final String DIRECT_LINE = "directline";

  private final MeterRegistry registry;

  MediaMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void sent(String destination, long bytes) {
    Counter.builder(BYTES)
        .baseUnit("bytes")
        .description("Media bytes sent to Dataverse or Direct Line")
        .tag("destination", destination)
        .register(registry)
        .increment(bytes);
  }

  void refused(Refusal refusal) {
    Counter.builder(REFUSALS)
        .description("Media items not attached (the rep gets a note saying why)")
        .tag("reason", refusal.reason())
        .register(registry)
        .increment();
  }
}
