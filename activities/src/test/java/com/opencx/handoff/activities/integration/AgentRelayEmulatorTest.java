package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.media.MediaSource.MediaStream;
import com.opencx.handoff.activities.opencx.AgentMessage;
import com.opencx.handoff.activities.opencx.MessageTemplate;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.TemplateCall;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.emulators.opencx.Template;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenCX calls of the rep → customer relay ({@link OpenCxClient#sendAgentMessage}, {@link
 * OpenCxClient#uploadAgentMedia}, {@link OpenCxClient#templates}, {@link
 * OpenCxClient#handoffEnded}) against the {@link OpenCxEmulator} on loopback HTTP, on a fixed
 * clock: delivery once per message id, WhatsApp's 24-hour window refusing free-form text but not a
 * template, a rep's file uploaded and then attached, and the end of the handoff recorded once. The
 * assertions read the emulator's state, not the client's view of it.
 */
class AgentRelayEmulatorTest {

  private static final String SESSION = "wa-session-9";
  private static final String WORKFLOW = HandoffIds.workflowId(SESSION);
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private static final Instant SENT_AT = NOW.minusSeconds(5);

  private final OpenCxEmulator openCx = Emulated.openCx(Clock.fixed(NOW, ZoneOffset.UTC));
  private final OpenCxClient client = Emulated.openCxClient(openCx);

  @AfterEach
  void stop() {
    openCx.close();
  }

  @Test
  void aReplyIsDeliveredOnceHoweverOftenItIsSent() {
    openCx.addSession(session("handed_off", NOW.minus(Duration.ofHours(1))));
    AgentMessage reply = text("reply-1", "Your refund is on its way");

    assertThat(client.sendAgentMessage(SESSION, reply)).isTrue();
    assertThat(client.sendAgentMessage(SESSION, reply)).isFalse();

    assertThat(openCx.agentMessages(SESSION))
        .containsExactly(
            Map.of(
                "messageId", "reply-1",
                "sentAt", SENT_AT.toString(),
                "agentName", "Rep Rosa",
                "text", "Your refund is on its way"));
    assertThat(openCx.requestLog())
        .containsExactly(
            "POST /v1/sessions/" + SESSION + "/agent-messages 201",
            "POST /v1/sessions/" + SESSION + "/agent-messages 200");
  }

  @Test
  void outsideTheWindowTextIsRefusedWithClosedAtButATemplateGoesThrough() {
    Instant lastInbound = NOW.minus(Duration.ofHours(25));
    openCx.addSession(session("handed_off", lastInbound));

    ApplicationFailure refused =
        Emulated.failure(() -> client.sendAgentMessage(SESSION, text("reply-1", "Any news?")));
    boolean sent =
        client.sendAgentMessage(
            SESSION,
            new AgentMessage(
                "reply-2",
                SENT_AT,
                "Rep Rosa",
                null,
                new TemplateCall("order_update", "en", List.of("A-1234")),
                null));

    assertThat(refused.getType()).isEqualTo(FailureTypes.OPENCX_WINDOW_CLOSED);
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getDetails().get(String.class))
        .isEqualTo(lastInbound.plus(Duration.ofHours(24)).toString())
        .isEqualTo("2026-03-02T11:00:00Z");
    assertThat(sent).isTrue();
    assertThat(openCx.agentMessages(SESSION))
        .extracting(m -> m.get("messageId"))
        .containsExactly("reply-2");

    openCx.customerWrote(SESSION, NOW.minusSeconds(60));
    assertThat(client.sendAgentMessage(SESSION, text("reply-1", "Any news?"))).isTrue();
  }

  @Test
  void aRepsFileIsUploadedServedBackAndAttached() throws Exception {
    openCx.addSession(session("handed_off", NOW.minus(Duration.ofHours(1))));
    byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '7', 0, (byte) 0xfe};

    String mediaId = client.uploadAgentMedia(SESSION, pdf, "application/pdf", "reçu n°1.pdf");
    boolean sent =
        client.sendAgentMessage(
            SESSION,
            new AgentMessage("reply-3", SENT_AT, "Rep Rosa", "Here it is", null, List.of(mediaId)));

    assertThat(openCx.uploadedMedia(SESSION))
        .containsExactly(
            Map.of(
                "mediaId",
                mediaId,
                "contentType",
                "application/pdf",
                "fileName",
                "reçu n°1.pdf",
                "size",
                pdf.length));
    try (MediaStream media = client.open(SESSION, mediaId);
        InputStream in = media.body()) {
      assertThat(media.contentType()).isEqualTo("application/pdf");
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
    assertThat(sent).isTrue();
    assertThat(openCx.agentMessages(SESSION).get(0))
        .containsEntry("attachments", List.of(Map.of("mediaId", mediaId)));
  }

  @Test
  void anUnknownFileOrAWrongTemplateIsARejectedCall() {
    openCx.addSession(session("handed_off", NOW.minus(Duration.ofHours(1))));

    ApplicationFailure unknownFile =
        Emulated.failure(
            () ->
                client.sendAgentMessage(
                    SESSION,
                    new AgentMessage("r-1", SENT_AT, null, null, null, List.of("not-uploaded"))));
    ApplicationFailure wrongCount =
        Emulated.failure(
            () ->
                client.sendAgentMessage(
                    SESSION,
                    new AgentMessage(
                        "r-2",
                        SENT_AT,
                        null,
                        null,
                        new TemplateCall("order_update", "en", List.of()),
                        null)));

    assertThat(List.of(unknownFile, wrongCount))
        .allSatisfy(
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
              assertThat(f.getDetails().get(Integer.class)).isEqualTo(400);
            });
    assertThat(openCx.agentMessages(SESSION)).isEmpty();
  }

  @Test
  void aSessionNotHandedOffIsAConflictAndAnUnknownOneARejectedCall() {
    openCx.addSession(session("ai", NOW.minus(Duration.ofHours(1))));

    ApplicationFailure conflict =
        Emulated.failure(() -> client.sendAgentMessage(SESSION, text("r-1", "hello")));
    ApplicationFailure unknown =
        Emulated.failure(() -> client.sendAgentMessage("nobody", text("r-1", "hello")));

    assertThat(conflict.getType()).isEqualTo(FailureTypes.OPENCX_CONFLICT);
    assertThat(conflict.isNonRetryable()).isTrue();
    assertThat(unknown.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(unknown.getDetails().get(Integer.class)).isEqualTo(404);
  }

  @Test
  void theTemplatesAreThoseOpenCxApproved() {
    assertThat(client.templates())
        .contains(
            new MessageTemplate(
                "order_update",
                "en",
                1,
                "Hi, about your order {{1}}: we have an update. Reply to continue."))
        .extracting(MessageTemplate::name)
        .containsExactly("order_update", "follow_up", "appointment_reminder");

    openCx.setTemplates(List.of(new Template("recontact", "es", 0, "Hola, ¿seguimos?")));

    assertThat(client.templates())
        .containsExactly(new MessageTemplate("recontact", "es", 0, "Hola, ¿seguimos?"));
  }

  @Test
  void endingTheHandoffTwiceRecordsItOnceAndGivesTheCustomerBackToTheAi() {
    openCx.addSession(session("handed_off", NOW.minus(Duration.ofHours(1))));
    Instant endedAt = NOW.minusSeconds(30);

    client.handoffEnded(SESSION, "the rep ended the conversation", WORKFLOW, endedAt);
    client.handoffEnded(SESSION, "a retry", WORKFLOW, endedAt);

    assertThat(openCx.session(SESSION).orElseThrow().status()).isEqualTo("ai");
    assertThat(openCx.handoffEnded(SESSION).orElseThrow())
        .containsEntry("reason", "the rep ended the conversation")
        .containsEntry("workflowId", WORKFLOW)
        .containsEntry("endedAt", endedAt.toString());
    assertThat(openCx.requestLog())
        .containsExactly(
            "POST /v1/sessions/" + SESSION + "/handoff-ended 200",
            "POST /v1/sessions/" + SESSION + "/handoff-ended 200");
  }

  private static AgentMessage text(String messageId, String text) {
    return new AgentMessage(messageId, SENT_AT, "Rep Rosa", text, null, null);
  }

  private static Session session(String status, Instant lastInboundAt) {
    return new Session(
        SESSION,
        "whatsapp",
        status,
        "Aoife O'Brien",
        "o'brien@example.com",
        "+44 7911 123456",
        "Wants a refund for a duplicate charge.",
        lastInboundAt,
        "handed_off".equals(status) ? HandoffIds.workItemId(SESSION) : null);
  }
}
