package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documents that cross between the API and the worker survive a rolling deploy in either order
 * from now on: an optional field nobody set is not sent (so a worker that predates it still reads
 * the payload; Temporal's JSON converter fails on unknown properties by default), and a field a
 * newer side adds is ignored by an older one.
 */
class WireCompatibilityTest {

  private final DataConverter json = DefaultDataConverter.newDefaultInstance();

  @Test
  void optionalFieldsNobodySetAreNotSent() {
    HandoffRequest request =
        HandoffFixtures.request("s-wire", Instant.parse("2026-12-02T09:00:00Z"));
    assertThat(text(json.toPayload(request).orElseThrow())).doesNotContain("transcript");
    InboundMessage message = new InboundMessage("wamid-1", Instant.EPOCH, List.of());
    assertThat(text(json.toPayload(message).orElseThrow())).doesNotContain("\"text\"");
  }

  @Test
  void fieldsANewerSideAddsAreIgnored() {
    Payload newer =
        json.toPayload(
                java.util.Map.of(
                    "sessionId", "s-wire", "phase", "HandedOff", "fieldFromTheFuture", true))
            .orElseThrow();
    HandoffStatus status = json.fromPayload(newer, HandoffStatus.class, HandoffStatus.class);
    assertThat(status.sessionId()).isEqualTo("s-wire");
    Payload request =
        json.toPayload(java.util.Map.of("sessionId", "s-wire", "fieldFromTheFuture", 1))
            .orElseThrow();
    assertThat(json.fromPayload(request, HandoffRequest.class, HandoffRequest.class).sessionId())
        .isEqualTo("s-wire");
  }

  private static String text(Payload payload) {
    return payload.getData().toStringUtf8();
  }
}
