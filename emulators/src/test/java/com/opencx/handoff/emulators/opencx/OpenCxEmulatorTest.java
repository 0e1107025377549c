package com.opencx.handoff.emulators.opencx;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.http.Fault;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenCxEmulatorTest {

  private static final String KEY = "opencx-key";
  private static final Instant LAST_INBOUND = Instant.parse("2025-01-02T10:00:00Z");
  private static final String CHAT_1 = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String CHAT_2 = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private OpenCxEmulator openCx;
  private TestHttp http;

  @BeforeEach
  void start() {
    openCx = OpenCxEmulator.start(0, KEY);
    openCx.addSession(
        new Session(
            "s-1",
            "whatsapp",
            "ai",
            "Ann",
            "ann@example.com",
            "+14155550100",
            "Wants a refund.",
            LAST_INBOUND,
            null));
    http = new TestHttp(openCx.baseUrl(), KEY);
  }

  @AfterEach
  void stop() {
    openCx.close();
  }

  @Test
  void sessionReadFollowsTheContract() throws Exception {
    TestHttp.Result result = http.get("/v1/sessions/s-1");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json())
        .containsEntry("id", "s-1")
        .containsEntry("channel", "whatsapp")
        .containsEntry("status", "ai")
        .containsEntry("summary", "Wants a refund.")
        .containsEntry("lastInboundAt", "2025-01-02T10:00:00Z")
        .containsEntry(
            "customer", Map.of("name", "Ann", "email", "ann@example.com", "phone", "+14155550100"))
        .containsEntry("meta", Map.of());
    assertThat(http.get("/v1/sessions/nope").status()).isEqualTo(404);
    assertThat(new TestHttp(openCx.baseUrl(), "wrong").get("/v1/sessions/s-1").status())
        .isEqualTo(401);
  }

  @Test
  void mediaIsServedWithTypeAndLength() throws Exception {
    byte[] image = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};
    openCx.addMedia("s-1", "m-1", "image/jpeg", image);

    TestHttp.Result media = http.get("/v1/sessions/s-1/media/m-1");

    assertThat(media.status()).isEqualTo(200);
    assertThat(media.bytes()).isEqualTo(image);
    assertThat(media.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(media.header("Content-Length")).isEqualTo("5");
    assertThat(http.get("/v1/sessions/s-1/media/m-2").status()).isEqualTo(404);
  }

  @Test
  void handoffIsIdempotentAndRefusesASecondChat() throws Exception {
    String first = handoff(CHAT_1);

    assertThat(http.send("POST", "/v1/sessions/s-1/handoff", first).status()).isEqualTo(200);
    assertThat(http.send("POST", "/v1/sessions/s-1/handoff", first).status()).isEqualTo(200);
    TestHttp.Result conflict = http.send("POST", "/v1/sessions/s-1/handoff", handoff(CHAT_2));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.errorMessage()).contains(CHAT_1);
    Session session = openCx.session("s-1").orElseThrow();
    assertThat(session.status()).isEqualTo("handed_off");
    assertThat(session.dynamicsChatId()).isEqualTo(CHAT_1);
    assertThat(http.get("/v1/sessions/s-1").json())
        .containsEntry("meta", Map.of("dynamics365_chat_id", CHAT_1));
    assertThat(http.send("POST", "/v1/sessions/nope/handoff", first).status()).isEqualTo(404);
  }

  @Test
  void missingBodyFieldsAreNamed() throws Exception {
    TestHttp.Result result =
        http.send(
            "POST",
            "/v1/sessions/s-1/handoff",
            TestHttp.json(
                Map.of("dynamics365_chat_id", CHAT_1, "handedOffAt", "2025-01-02T10:01:00Z")));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.errorMessage()).contains("'workflowId'");
    assertThat(openCx.session("s-1").orElseThrow().status()).isEqualTo("ai");
  }

  @Test
  void handoffFailureIsRecordedAndGivesTheSessionBackToTheAi() throws Exception {
    http.send("POST", "/v1/sessions/s-1/handoff", handoff(CHAT_1));

    TestHttp.Result result =
        http.send(
            "POST",
            "/v1/sessions/s-1/handoff-failed",
            TestHttp.json(Map.of("reason", "cancelled by operator", "workflowId", "wf-1")));

    assertThat(result.status()).isEqualTo(200);
    assertThat(openCx.session("s-1").orElseThrow().status()).isEqualTo("ai");
    assertThat(openCx.handoffFailures())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f)
                    .containsEntry("sessionId", "s-1")
                    .containsEntry("reason", "cancelled by operator")
                    .containsEntry("workflowId", "wf-1"));
  }

  @Test
  void auditEventsAreIdempotentByEventId() throws Exception {
    String event =
        TestHttp.json(
            Map.of(
                "eventId", "e-1",
                "sessionId", "s-1",
                "workflowId", "wf-1",
                "type", "HandoffCompleted",
                "at", "2025-01-02T10:01:00Z",
                "details", Map.of("workItemId", CHAT_1)));

    assertThat(http.send("POST", "/v1/audit-events", event).status()).isEqualTo(201);
    assertThat(http.send("POST", "/v1/audit-events", event).status()).isEqualTo(200);
    TestHttp.Result missing =
        http.send("POST", "/v1/audit-events", TestHttp.json(Map.of("eventId", "e-2")));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("'sessionId'");
    assertThat(openCx.auditEvents())
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("type", "HandoffCompleted"));
  }

  @Test
  void faultsAndCountersWorkAsForDataverse() throws Exception {
    openCx.injectFault(Fault.status("POST", "/handoff", 503, 1));

    assertThat(http.send("POST", "/v1/sessions/s-1/handoff", handoff(CHAT_1)).status())
        .isEqualTo(503);
    assertThat(http.send("POST", "/v1/sessions/s-1/handoff", handoff(CHAT_1)).status())
        .isEqualTo(200);
    assertThat(openCx.requestCount()).isEqualTo(2);
    assertThat(openCx.requestLog())
        .containsExactly("POST /v1/sessions/s-1/handoff 503", "POST /v1/sessions/s-1/handoff 200");
  }

  private static String handoff(String chatId) {
    return TestHttp.json(
        Map.of(
            "dynamics365_chat_id", chatId,
            "workflowId", "whatsapp-handoff-s-1",
            "handedOffAt", "2025-01-02T10:01:00Z"));
  }
}
