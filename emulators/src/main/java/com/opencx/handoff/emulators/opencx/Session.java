package com.opencx.handoff.emulators.opencx;

import java.time.Instant;
import java.util.Objects;

/**
 * An OpenCX conversation as the emulator holds it: what tests seed and inspect, and what {@code GET
 * /v1/sessions/{id}} reports. {@code status} is {@code "ai"}, {@code "handed_off"} or {@code
 * "closed"}; {@code dynamicsChatId} is the Dynamics work item's {@code activityid} once handed off,
 * else null.
 */
public record Session(
    String id,
    String channel,
    String status,
    String customerName,
    String email,
    String phone,
    String summary,
    Instant lastInboundAt,
    String dynamicsChatId) {

  public Session {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
  }

  Session withHandoff(String status, String chatId) {
    return new Session(
        id, channel, status, customerName, email, phone, summary, lastInboundAt, chatId);
  }

  Session withLastInboundAt(Instant at) {
    return new Session(
        id, channel, status, customerName, email, phone, summary, at, dynamicsChatId);
  }
}
