package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Temporal stores of a handoff started through the API: every payload of every event (workflow
 * input, activity inputs and results, signals, failures, summaries) is encrypted, and none of the
 * customer's phone, email, name or summary appears anywhere in the raw history.
 */
class EncryptedHistoryTest extends ApiTestSupport {

  @Test
  void theRawHistoryOfAHandoffHoldsNoCustomerData() {
    String sessionId = newSessionId("encrypted");
    start(sessionId);
    awaitPhase(sessionId, "HandedOff");
    post("/v1/handoffs/" + sessionId + "/close", OPENCX_TOKEN, java.util.Map.of());
    awaitPhase(sessionId, "Closed");

    List<HistoryEvent> events = temporal.fetchHistory(HandoffIds.workflowId(sessionId)).getEvents();
    String raw = events.stream().map(HistoryEvent::toString).reduce("", String::concat);
    List<Payload> payloads = new ArrayList<>();
    events.forEach(e -> collect(e, payloads));

    assertThat(payloads).hasSizeGreaterThan(5);
    assertThat(payloads)
        .allSatisfy(
            p ->
                assertThat(p.getMetadataMap().get("encoding").toStringUtf8())
                    .isEqualTo("binary/encrypted"));
    assertThat(raw)
        .doesNotContain("+14155550100")
        .doesNotContain("ana@example.com")
        .doesNotContain("refund of order 1234")
        .doesNotContain("\"Ana\"");
  }

  /**
   * Every payload anywhere in an event, found through the protobuf descriptors, except search
   * attributes (Temporal indexes those, so they are never encrypted and hold no PII by design) and
   * markers (the SDK writes {@code getVersion}'s change id and number in plain JSON itself; the raw
   * text check below still covers them).
   */
  private static void collect(com.google.protobuf.Message message, List<Payload> into) {
    if (message instanceof Payload payload) {
      into.add(payload);
      return;
    }
    message
        .getAllFields()
        .forEach(
            (field, value) -> {
              if (field.getName().equals("search_attributes")
                  || field.getName().equals("marker_recorded_event_attributes")) {
                return;
              }
              if (value instanceof com.google.protobuf.Message child) {
                collect(child, into);
              } else if (value instanceof List<?> list) {
                list.stream()
                    .filter(com.google.protobuf.Message.class::isInstance)
                    .forEach(item -> collect((com.google.protobuf.Message) item, into));
              } else if (value instanceof java.util.Map<?, ?> map) {
                map.values().stream()
                    .filter(com.google.protobuf.Message.class::isInstance)
                    .forEach(item -> collect((com.google.protobuf.Message) item, into));
              }
            });
  }
}
