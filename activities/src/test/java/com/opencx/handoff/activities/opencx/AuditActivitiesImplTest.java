package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.TestSupport.assertAuthorised;
import static com.opencx.handoff.activities.opencx.TestSupport.body;
import static com.opencx.handoff.activities.opencx.TestSupport.failure;
import static com.opencx.handoff.activities.opencx.TestSupport.fieldNames;
import static com.opencx.handoff.activities.opencx.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class AuditActivitiesImplTest {

  private static final String SESSION = "sess-7";

  @StartStop private final MockWebServer server = new MockWebServer();

  private AuditActivitiesImpl activities() {
    return new AuditActivitiesImpl(TestSupport.client(server));
  }

  private static AuditEvent event(Map<String, String> details) {
    return new AuditEvent(
        HandoffIds.auditEventId(SESSION, "HandedOff", null),
        SESSION,
        HandoffIds.workflowId(SESSION),
        "HandedOff",
        Instant.parse("2025-03-01T10:15:30Z"),
        details);
  }

  @Test
  void postsTheEventWithTheExactBody() throws Exception {
    server.enqueue(json(201, "{}"));

    activities().writeAuditEvent(event(Map.of("workItemId", "wi-1", "contactRule", "Email")));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/v1/audit-events");
    assertAuthorised(recorded);
    JsonNode body = body(recorded);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("eventId", "sessionId", "workflowId", "type", "at", "details");
    assertThat(body.get("eventId").asText()).isEqualTo("whatsapp-handoff-sess-7:HandedOff");
    assertThat(body.get("sessionId").asText()).isEqualTo(SESSION);
    assertThat(body.get("workflowId").asText()).isEqualTo("whatsapp-handoff-sess-7");
    assertThat(body.get("type").asText()).isEqualTo("HandedOff");
    assertThat(body.get("at").asText()).isEqualTo("2025-03-01T10:15:30Z");
    assertThat(body.get("details").isObject()).isTrue();
    assertThat(fieldNames(body.get("details")))
        .containsExactlyInAnyOrder("workItemId", "contactRule");
    assertThat(body.get("details").get("workItemId").asText()).isEqualTo("wi-1");
    assertThat(body.get("details").get("contactRule").asText()).isEqualTo("Email");
  }

  @Test
  void anEventAlreadyRecordedIsSuccess() {
    server.enqueue(json(201, "{}"));
    server.enqueue(json(200, "{}"));

    assertThatCode(
            () -> {
              activities().writeAuditEvent(event(Map.of()));
              activities().writeAuditEvent(event(Map.of()));
            })
        .doesNotThrowAnyException();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void missingDetailsAreSentAsAnEmptyObject() throws Exception {
    server.enqueue(json(201, "{}"));

    activities().writeAuditEvent(event(null));

    JsonNode details = body(server.takeRequest()).get("details");
    assertThat(details.isObject()).isTrue();
    assertThat(details.size()).isZero();
  }

  @Test
  void aRefusedEventIsANonRetryableRejectedCall() {
    server.enqueue(json(400, "{\"error\":\"bad\"}"));

    ApplicationFailure failure = failure(() -> activities().writeAuditEvent(event(Map.of())));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("400").contains("POST /v1/audit-events");
  }
}
