package com.opencx.handoff.starter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code handoff.starts} counter: start requests the API accepted, by {@code result}: {@code
 * new} when the call started the handoff, {@code existing} when the session's handoff had already
 * been started (OpenCX's retry or a second request for the same session).
 */
public final class HandoffStarts {

  static final String STARTS = "handoff.starts";

  private final Counter created;
  private final Counter existing;

  public HandoffStarts(MeterRegistry registry) {
    this.created = counter(registry, "new");
    this.existing = counter(registry, "existing");
  }

  /** One accepted start; {@code created} when it made the handoff. */
  public void started(boolean created) {
    (created ? this.created : existing).increment();
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder(STARTS)
        .description("Handoff start requests accepted, new or for an existing handoff")
        .tag("result", result)
        .register(registry);
  }
}
