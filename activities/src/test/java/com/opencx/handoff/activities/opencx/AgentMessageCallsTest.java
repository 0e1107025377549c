package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.TestSupport.assertAuthorised;
import static com.opencx.handoff.activities.opencx.TestSupport.body;
import static com.opencx.handoff.activities.opencx.TestSupport.failure;
import static com.opencx.handoff.activities.opencx.TestSupport.fieldNames;
import static com.opencx.handoff.activities.opencx.TestSupport.json;
import static com.opencx.handoff.activities.opencx.TestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/sessions/{id}/agent-messages}: the exact request and how each answer maps. */
class AgentMessageCallsTest {

  private static final String SESSION = "sess-7";
  private static final String PATH = "/v1/sessions/" + SESSION + "/agent-messages";
  private static final Instant SENT_AT = Instant.parse("2025-03-01T10:15:30.123Z");
  private static final AgentMessage TEXT =
      new AgentMessage(
          "msg-1", SENT_AT, "Rep Rosa", "Your refund is on its way", null, List.of("rep-9"));

  @StartStop private final MockWebServer server = new MockWebServer();

  private OpenCxClient client() {
    return TestSupport.client(server);
  }

  @Test
  void sendsFreeFormTextWithAttachmentsAndReportsACreatedMessage() throws Exception {
    server.enqueue(json(201, "{\"messageId\":\"msg-1\",\"duplicate\":false}"));

    assertThat(client().sendAgentMessage(SESSION, TEXT)).isTrue();

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo(PATH);
    assertAuthorised(recorded);
    JsonNode body = body(recorded);
    assertThat(fieldNames(body))
        .containsExactly("messageId", "sentAt", "agentName", "text", "attachments");
    assertThat(body.get("messageId").asText()).isEqualTo("msg-1");
    assertThat(body.get("sentAt").asText()).isEqualTo("2025-03-01T10:15:30.123Z");
    assertThat(body.get("agentName").asText()).isEqualTo("Rep Rosa");
    assertThat(body.get("text").asText()).isEqualTo("Your refund is on its way");
    assertThat(body.get("attachments").toString()).isEqualTo("[{\"mediaId\":\"rep-9\"}]");
  }

  @Test
  void sendsATemplateAloneAndReportsAMessageOpenCxAlreadyHad() throws Exception {
    server.enqueue(json(200, "{\"messageId\":\"msg-2\",\"duplicate\":true}"));
    AgentMessage template =
        new AgentMessage(
            "msg-2",
            SENT_AT,
            null,
            null,
            new TemplateCall("order_update", "en", List.of("A-1234")),
            null);

    assertThat(client().sendAgentMessage(SESSION, template)).isFalse();

    JsonNode body = body(server.takeRequest());
    assertThat(fieldNames(body)).containsExactly("messageId", "sentAt", "template");
    assertThat(body.get("template").toString())
        .isEqualTo("{\"name\":\"order_update\",\"language\":\"en\",\"parameters\":[\"A-1234\"]}");
  }

  @Test
  void aTemplateWithoutParametersSendsAnEmptyListAndNoEmptyAttachments() throws Exception {
    server.enqueue(json(201, "{}"));

    client()
        .sendAgentMessage(
            SESSION,
            new AgentMessage(
                "msg-3",
                SENT_AT,
                null,
                null,
                new TemplateCall("follow_up", "en", null),
                List.of()));

    JsonNode body = body(server.takeRequest());
    assertThat(fieldNames(body)).containsExactly("messageId", "sentAt", "template");
    assertThat(body.get("template").get("parameters").toString()).isEqualTo("[]");
  }

  @Test
  void aClosedWindowIsItsOwnNonRetryableTypeCarryingClosedAt() {
    server.enqueue(
        json(422, "{\"error\":\"window_closed\",\"closedAt\":\"2025-03-01T09:00:00Z\"}"));

    ApplicationFailure failure = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(failure.getType())
        .isEqualTo(FailureTypes.OPENCX_WINDOW_CLOSED)
        .isEqualTo("OpenCxWindowClosed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(String.class)).isEqualTo("2025-03-01T09:00:00Z");
    assertThat(failure.getOriginalMessage())
        .contains("WhatsApp window closed at 2025-03-01T09:00:00Z")
        .contains(OpenCxClient.POST_AGENT_MESSAGE)
        .doesNotContain("refund")
        .doesNotContain("Rosa");
  }

  @Test
  void aClosedWindowWithoutAReadableInstantStillSaysSo() {
    server.enqueue(json(422, "{\"error\":\"window_closed\",\"closedAt\":\"+447911123456\"}"));

    ApplicationFailure failure = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_WINDOW_CLOSED);
    assertThat(failure.getDetails().get(String.class)).isNull();
    assertThat(failure.getOriginalMessage())
        .contains("WhatsApp window closed;")
        .doesNotContain("447911");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"error\":\"template_paused\"}", "not json", "{\"error\":{\"code\":\"x\"}}"})
  void anyOther422IsARejectedCall(String body) {
    server.enqueue(json(422, body));

    ApplicationFailure failure = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(422);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aSessionNotHandedOffIsANonRetryableConflict() {
    server.enqueue(json(409, "{\"error\":{\"code\":\"conflict\",\"message\":\"status ai\"}}"));

    ApplicationFailure failure = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_CONFLICT);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(409);
    assertThat(failure.getOriginalMessage())
        .contains("409")
        .contains(OpenCxClient.POST_AGENT_MESSAGE)
        .contains("not handed off");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404})
  void anUnknownSessionOrARefusedBodyIsARejectedCallWithoutTheMessage(int status) {
    server.enqueue(
        json(
            status, "{\"error\":{\"code\":\"x\",\"message\":\"text Your refund is on its way\"}}"));

    ApplicationFailure failure = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(status);
    assertThat(failure.getOriginalMessage()).doesNotContain("refund").doesNotContain("Rosa");
  }

  @Test
  void throttlingOutagesAndTimeoutsAreRetryable() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build());
    server.enqueue(status(503));
    server.enqueue(status(201).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

    ApplicationFailure throttled = failure(() -> client().sendAgentMessage(SESSION, TEXT));
    ApplicationFailure down = failure(() -> client().sendAgentMessage(SESSION, TEXT));
    ApplicationFailure slow = failure(() -> client().sendAgentMessage(SESSION, TEXT));

    assertThat(throttled.getType()).isEqualTo(FailureTypes.OPENCX_THROTTLED);
    assertThat(throttled.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(4));
    assertThat(down.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(slow.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(List.of(throttled, down, slow)).noneMatch(ApplicationFailure::isNonRetryable);
  }

  @Test
  void loggingAMessageShowsNeitherTheTextNorWhoWroteIt() {
    AgentMessage template =
        new AgentMessage(
            "msg-4",
            SENT_AT,
            "Rep Rosa",
            null,
            new TemplateCall("t", "en", List.of("Aoife")),
            null);

    assertThat(TEXT.toString()).contains("msg-1").doesNotContain("refund").doesNotContain("Rosa");
    assertThat(template.toString()).contains("t").doesNotContain("Aoife").doesNotContain("Rosa");
  }
}
