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
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The relay's other OpenCX calls: a rep's upload, the template list and the end of a handoff. */
class RelayCallsTest {

  private static final String SESSION = "sess-7";
  private static final byte[] PDF = {'%', 'P', 'D', 'F', 0, (byte) 0xff};

  @StartStop private final MockWebServer server = new MockWebServer();

  private OpenCxClient client() {
    return TestSupport.client(server);
  }

  @Test
  void uploadsTheRawBytesWithTypeAndAnEncodedFileName() throws Exception {
    server.enqueue(json(201, "{\"mediaId\":\"rep-1\"}"));

    String mediaId = client().uploadAgentMedia(SESSION, PDF, "application/pdf", "reçu 1%.pdf");

    assertThat(mediaId).isEqualTo("rep-1");
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/" + SESSION + "/media");
    assertAuthorised(recorded);
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
    assertThat(recorded.getHeaders().get("X-File-Name")).isEqualTo("re%C3%A7u%201%25.pdf");
    assertThat(recorded.getBody().toByteArray()).isEqualTo(PDF);
  }

  @Test
  void aPlainNameGoesUnchangedAndNoNameSendsNoHeader() throws Exception {
    server.enqueue(json(201, "{\"mediaId\":\"rep-1\"}"));
    server.enqueue(json(201, "{\"mediaId\":\"rep-2\"}"));

    client().uploadAgentMedia(SESSION, PDF, "image/png", "IMG_0042.png");
    client().uploadAgentMedia(SESSION, PDF, "image/png", null);

    assertThat(server.takeRequest().getHeaders().get("X-File-Name")).isEqualTo("IMG_0042.png");
    assertThat(server.takeRequest().getHeaders().get("X-File-Name")).isNull();
  }

  @Test
  void aRefusedUploadIsRejectedAndAnAnswerWithoutMediaIdIsRetryable() {
    server.enqueue(json(400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"m\"}}"));
    server.enqueue(json(201, "{}"));

    ApplicationFailure refused =
        failure(() -> client().uploadAgentMedia(SESSION, new byte[0], null, "a.pdf"));
    ApplicationFailure unreadable =
        failure(() -> client().uploadAgentMedia(SESSION, PDF, "application/pdf", "a.pdf"));

    assertThat(refused.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(refused.getDetails().get(Integer.class)).isEqualTo(400);
    assertThat(refused.getOriginalMessage()).contains(OpenCxClient.POST_MEDIA);
    assertThat(unreadable.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(unreadable.isNonRetryable()).isFalse();
  }

  @Test
  void listsTheTemplatesIgnoringFieldsItDoesNotKnow() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"templates\":[{\"name\":\"order_update\",\"language\":\"en\",\"parameters\":1,"
                + "\"text\":\"Hi {{1}}\",\"category\":\"UTILITY\"},"
                + "{\"name\":\"follow_up\",\"language\":\"en\",\"parameters\":0,\"text\":\"Hi\"}]}"));

    assertThat(client().templates())
        .containsExactly(
            new MessageTemplate("order_update", "en", 1, "Hi {{1}}"),
            new MessageTemplate("follow_up", "en", 0, "Hi"));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getTarget()).isEqualTo("/v1/templates");
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
    assertAuthorised(recorded);
  }

  @Test
  void aTemplateListThatIsNotTheContractIsRetryable() {
    server.enqueue(json(200, "{\"items\":[]}"));
    server.enqueue(json(200, "<html>proxy</html>"));

    ApplicationFailure missing = failure(() -> client().templates());
    ApplicationFailure html = failure(() -> client().templates());

    assertThat(missing.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(html.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(html.getOriginalMessage())
        .contains(OpenCxClient.GET_TEMPLATES)
        .doesNotContain("proxy");
  }

  @Test
  void endsTheHandoffWithTheExactBody() throws Exception {
    server.enqueue(json(200, "{}"));

    client()
        .handoffEnded(
            SESSION,
            "the rep ended the conversation",
            "whatsapp-handoff-sess-7",
            Instant.parse("2025-03-01T11:00:00Z"));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/" + SESSION + "/handoff-ended");
    assertAuthorised(recorded);
    JsonNode body = body(recorded);
    assertThat(fieldNames(body)).containsExactly("reason", "workflowId", "endedAt");
    assertThat(body.get("reason").asText()).isEqualTo("the rep ended the conversation");
    assertThat(body.get("workflowId").asText()).isEqualTo("whatsapp-handoff-sess-7");
    assertThat(body.get("endedAt").asText()).isEqualTo("2025-03-01T11:00:00Z");
  }

  @Test
  void endingMapsRefusalsAndOutagesLikeEveryCall() {
    server.enqueue(status(404));
    server.enqueue(status(502));
    Instant now = Instant.now();

    ApplicationFailure unknown = failure(() -> client().handoffEnded(SESSION, "r", "wf", now));
    ApplicationFailure down = failure(() -> client().handoffEnded(SESSION, "r", "wf", now));

    assertThat(unknown.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(unknown.getDetails().get(Integer.class)).isEqualTo(404);
    assertThat(unknown.isNonRetryable()).isTrue();
    assertThat(down.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(down.getOriginalMessage()).contains(OpenCxClient.POST_HANDOFF_ENDED);
  }
}
