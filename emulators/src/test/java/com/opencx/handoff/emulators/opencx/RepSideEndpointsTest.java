package com.opencx.handoff.emulators.opencx;

import static com.opencx.handoff.emulators.opencx.AgentMessagesEndpointTest.session;
import static com.opencx.handoff.emulators.opencx.AgentMessagesEndpointTest.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.http.Fault;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rest of the rep's side of OpenCX over real HTTP: uploading a file and then referencing it
 * from an agent message, the template list and its replacement from Java, and the idempotent end of
 * a handoff that gives the session back to the AI.
 */
class RepSideEndpointsTest {

  private static final String KEY = "opencx-key";
  private static final Instant NOW = Instant.parse("2025-01-02T11:00:00Z");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};

  private OpenCxEmulator openCx;
  private TestHttp http;

  @BeforeEach
  void start() {
    openCx = OpenCxEmulator.start(0, KEY, new MutableClock(NOW));
    openCx.addSession(session("s-1", "handed_off"));
    openCx.addSession(session("s-2", "handed_off"));
    http = new TestHttp(openCx.baseUrl(), KEY);
  }

  @AfterEach
  void stop() {
    openCx.close();
  }

  @Test
  void anUploadIsServedBackAndCanBeAttached() throws Exception {
    TestHttp.Result uploaded =
        http.sendBytes(
            "POST",
            "/v1/sessions/s-1/media",
            PNG,
            "Content-Type",
            "image/png",
            "X-File-Name",
            "re%C3%A7u+1.png");

    assertThat(uploaded.status()).isEqualTo(201);
    String mediaId = (String) uploaded.json().get("mediaId");
    assertThat(mediaId).isNotBlank();
    TestHttp.Result served = http.get("/v1/sessions/s-1/media/" + mediaId);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.bytes()).isEqualTo(PNG);
    assertThat(served.header("Content-Type")).isEqualTo("image/png");
    assertThat(served.header("Content-Length")).isEqualTo(String.valueOf(PNG.length));
    assertThat(openCx.uploadedMedia("s-1"))
        .containsExactly(
            Map.of(
                "mediaId",
                mediaId,
                "contentType",
                "image/png",
                "fileName",
                "reçu+1.png",
                "size",
                7));

    Map<String, Object> message = AgentMessagesEndpointTest.message("msg-1");
    message.put("attachments", List.of(Map.of("mediaId", mediaId)));
    assertThat(
            http.send("POST", "/v1/sessions/s-1/agent-messages", TestHttp.json(message)).status())
        .isEqualTo(201);
    assertThat(
            http.send("POST", "/v1/sessions/s-2/agent-messages", TestHttp.json(message)).status())
        .as("another session's file")
        .isEqualTo(400);
  }

  @Test
  void anUploadNeedsAContentTypeABodyAndAKnownSession() throws Exception {
    TestHttp.Result noType = http.sendBytes("POST", "/v1/sessions/s-1/media", PNG);
    TestHttp.Result empty =
        http.sendBytes("POST", "/v1/sessions/s-1/media", new byte[0], "Content-Type", "image/png");
    TestHttp.Result unknown =
        http.sendBytes("POST", "/v1/sessions/nope/media", PNG, "Content-Type", "image/png");

    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.errorMessage()).contains("'Content-Type'");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errorMessage()).contains("body is empty");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(openCx.uploadedMedia("s-1")).isEmpty();
  }

  @Test
  void theDefaultTemplatesAreListedAndCanBeReplaced() throws Exception {
    TestHttp.Result defaults = http.get("/v1/templates");

    assertThat(defaults.status()).isEqualTo(200);
    assertThat(defaults.json().get("templates"))
        .asList()
        .contains(
            Map.of(
                "name",
                "order_update",
                "language",
                "en",
                "parameters",
                1,
                "text",
                "Hi, about your order {{1}}: we have an update. Reply to continue."))
        .contains(
            Map.of(
                "name",
                "follow_up",
                "language",
                "en",
                "parameters",
                0,
                "text",
                "Hi, we have an answer to your question. Reply to this message to continue."))
        .hasSize(3);

    openCx.setTemplates(List.of(new Template("welcome_back", "pt_BR", 1, "Olá {{1}}!")));

    assertThat(http.get("/v1/templates").json())
        .isEqualTo(
            Map.of(
                "templates",
                List.of(
                    Map.of(
                        "name",
                        "welcome_back",
                        "language",
                        "pt_BR",
                        "parameters",
                        1,
                        "text",
                        "Olá {{1}}!"))));
    TestHttp.Result retired =
        http.send(
            "POST",
            "/v1/sessions/s-1/agent-messages",
            TestHttp.json(template("msg-1", "order_update", "A-1")));
    assertThat(retired.status()).isEqualTo(400);
    assertThat(retired.errorMessage()).contains("'template.name'");
  }

  @Test
  void endingAHandoffGivesTheSessionBackToTheAiOnce() throws Exception {
    TestHttp.Result ended = http.send("POST", "/v1/sessions/s-1/handoff-ended", ended("rep ended"));
    TestHttp.Result again = http.send("POST", "/v1/sessions/s-1/handoff-ended", ended("retry"));

    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.json()).containsEntry("status", "ai");
    assertThat(again.status()).isEqualTo(200);
    assertThat(openCx.session("s-1").orElseThrow().status()).isEqualTo("ai");
    assertThat(openCx.handoffEnded("s-1"))
        .contains(
            Map.of(
                "sessionId", "s-1",
                "reason", "rep ended",
                "workflowId", "whatsapp-handoff-s-1",
                "endedAt", "2025-01-02T10:59:00Z",
                "receivedAt", NOW.toString()));
    assertThat(openCx.handoffEnded("s-2")).isEmpty();
  }

  @Test
  void aSessionHandedOffAgainRecordsItsNextEnding() throws Exception {
    http.send("POST", "/v1/sessions/s-1/handoff-ended", ended("first"));
    openCx.addSession(session("s-1", "handed_off"));

    http.send("POST", "/v1/sessions/s-1/handoff-ended", ended("second"));

    assertThat(openCx.handoffEnded("s-1").orElseThrow()).containsEntry("reason", "second");
    assertThat(openCx.session("s-1").orElseThrow().status()).isEqualTo("ai");
  }

  @Test
  void endingNeedsEveryFieldAndAKnownSession() throws Exception {
    TestHttp.Result missing =
        http.send(
            "POST",
            "/v1/sessions/s-1/handoff-ended",
            TestHttp.json(Map.of("reason", "r", "workflowId", "wf")));
    TestHttp.Result unknown = http.send("POST", "/v1/sessions/nope/handoff-ended", ended("r"));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("'endedAt'");
    assertThat(openCx.session("s-1").orElseThrow().status()).isEqualTo("handed_off");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void theNewEndpointsCountAndMisbehaveLikeTheOthers() throws Exception {
    openCx.injectFault(Fault.status("POST", "/agent-messages", 503, 1));
    String body = TestHttp.json(AgentMessagesEndpointTest.text("msg-1", "hello"));

    assertThat(http.send("POST", "/v1/sessions/s-1/agent-messages", body).status()).isEqualTo(503);
    assertThat(http.send("POST", "/v1/sessions/s-1/agent-messages", body).status()).isEqualTo(201);
    assertThat(http.get("/v1/sessions/s-1/agent-messages").status()).isEqualTo(405);
    assertThat(openCx.requestLog())
        .containsExactly(
            "POST /v1/sessions/s-1/agent-messages 503",
            "POST /v1/sessions/s-1/agent-messages 201",
            "GET /v1/sessions/s-1/agent-messages 405");
  }

  private static String ended(String reason) {
    return TestHttp.json(
        Map.of(
            "reason", reason,
            "workflowId", "whatsapp-handoff-s-1",
            "endedAt", "2025-01-02T10:59:00Z"));
  }
}
