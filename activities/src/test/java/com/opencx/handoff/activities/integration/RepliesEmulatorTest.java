package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.replies.RepliesActivitiesImpl;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.RepliesActivities.Delivery;
import com.opencx.handoff.workflows.activities.RepliesActivities.HandoffEnded;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepMessage;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepNotice;
import com.opencx.handoff.workflows.activities.RepliesActivities.TemplateCall;
import com.opencx.handoff.workflows.model.RepActivity;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rep's side against the OpenCX and Direct Line emulators: a reply reaches OpenCX once under
 * its Direct Line activity id however often it is delivered; a file the rep sent is fetched from
 * Direct Line, stored at OpenCX and attached, bytes intact; a template is sent with its language;
 * an unknown template and OpenCX's 422 are outcomes for the rep, not failures; a notice reaches the
 * rep's chat once, with the templates as the rep would type them; the end is told to OpenCX.
 */
class RepliesEmulatorTest {

  private static final String SECRET = "replies-secret";
  private static final String SESSION = "wa-session-replies";
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final OpenCxEmulator openCx = Emulated.openCx(Clock.fixed(NOW, ZoneOffset.UTC));
  private final DirectLineEmulator directLine =
      DirectLineEmulator.start(
          0, 0, "control", dataverse, new Channel(SECRET, Emulated.WORKSTREAM_ID, "bot"));
  private final DirectLineClient client =
      new DirectLineClient(DirectLineSettings.of(directLine.baseUrl()));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RepliesActivitiesImpl replies =
      new RepliesActivitiesImpl(
          Emulated.openCxClient(openCx),
          client,
          new Channels(Map.of(Emulated.WORKSTREAM_ID.toLowerCase(), SECRET)),
          null,
          "unused",
          "directline-relay-",
          registry);
  private String conversation;

  @BeforeEach
  void handedOff() {
    openCx.addSession(
        new Session(
            SESSION,
            "whatsapp",
            "handed_off",
            "Ann",
            null,
            "+14155550100",
            "Needs a human",
            NOW.minus(Duration.ofHours(1)),
            HandoffIds.workItemId(SESSION)));
    conversation = client.startConversation(SECRET).conversationId();
  }

  @AfterEach
  void stop() {
    directLine.close();
    openCx.close();
    dataverse.close();
  }

  @Test
  void aReplyReachesOpenCxOnceUnderItsActivityId() {
    RepMessage reply = message(rep("act-1", "Your refund is on its way.", List.of()), null);

    Delivery first = replies.deliverToCustomer(reply);
    Delivery again = replies.deliverToCustomer(reply); // a retried activity

    assertThat(first.outcome()).isEqualTo(Delivery.Outcome.Delivered);
    assertThat(again.outcome()).isEqualTo(Delivery.Outcome.Delivered);
    assertThat(openCx.agentMessages(SESSION))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .containsEntry("messageId", "act-1")
                    .containsEntry("text", "Your refund is on its way.")
                    .containsEntry("agentName", "Sam"));
    Timer lag = registry.get(RepliesActivitiesImpl.RELAY_LAG).timer();
    assertThat(lag.count()).isEqualTo(2);
    assertThat(lag.max(TimeUnit.SECONDS)).as("sent 5 s before NOW").isGreaterThanOrEqualTo(5);
  }

  @Test
  void aFileTheRepSentIsStoredAtOpenCxAndAttached() {
    byte[] pdf = "%PDF-1.4 label".getBytes();
    String id =
        directLine.repSendAttachment(conversation, "label.pdf", "application/pdf", pdf, null);
    Map<String, Object> sent =
        directLine.activities(conversation).stream()
            .filter(a -> id.equals(a.get("id")))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    String url =
        (String) ((List<Map<String, Object>>) sent.get("attachments")).get(0).get("contentUrl");

    replies.deliverToCustomer(
        message(
            rep(id, null, List.of(new RepActivity.Attachment("label.pdf", "application/pdf", url))),
            null));

    Map<String, Object> upload = openCx.uploadedMedia(SESSION).get(0);
    assertThat(upload).containsEntry("fileName", "label.pdf").containsEntry("size", pdf.length);
    assertThat(openCx.agentMessages(SESSION).get(0))
        .containsEntry("attachments", List.of(Map.of("mediaId", upload.get("mediaId"))));
  }

  @Test
  void templatesGoWithTheirLanguageAndRefusalsAreOutcomes() {
    Delivery template =
        replies.deliverToCustomer(
            message(
                rep("act-2", "/template order_update 1042", List.of()),
                new TemplateCall("order_update", List.of("1042"))));
    Delivery unknown =
        replies.deliverToCustomer(
            message(
                rep("act-3", "/template nope", List.of()), new TemplateCall("nope", List.of())));
    Delivery wrongCount =
        replies.deliverToCustomer(
            message(
                rep("act-4", "/template order_update", List.of()),
                new TemplateCall("order_update", List.of())));
    openCx.addSession(
        new Session(
            SESSION + "-late",
            "whatsapp",
            "handed_off",
            "Ann",
            null,
            "+14155550100",
            "x",
            NOW.minus(Duration.ofHours(25)),
            HandoffIds.workItemId(SESSION + "-late")));
    Delivery closed =
        replies.deliverToCustomer(
            new RepMessage(
                SESSION + "-late",
                Emulated.WORKSTREAM_ID,
                rep("act-5", "Hello?", List.of()),
                null));

    assertThat(template.outcome()).isEqualTo(Delivery.Outcome.Delivered);
    assertThat(openCx.agentMessages(SESSION).get(0))
        .containsEntry(
            "template",
            Map.of("name", "order_update", "language", "en", "parameters", List.of("1042")))
        .doesNotContainKey("text");
    assertThat(unknown.outcome()).isEqualTo(Delivery.Outcome.Refused);
    assertThat(unknown.detail()).contains("no approved template named 'nope'");
    assertThat(wrongCount.detail()).contains("takes 1 parameter(s), 0 given");
    assertThat(closed.outcome()).isEqualTo(Delivery.Outcome.WindowClosed);
    assertThat(closed.detail()).isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
  }

  @Test
  void aNoticeReachesTheRepsChatOnceWithTheTemplates() {
    RepNotice notice =
        new RepNotice(
            SESSION,
            Emulated.WORKSTREAM_ID,
            conversation,
            SESSION + ":notice:held:act-9",
            "Not sent: the window closed.",
            true);

    replies.tellRep(notice);
    replies.tellRep(notice); // outside an activity every call reads back first

    List<Map<String, Object>> activities = directLine.activities(conversation);
    assertThat(activities).hasSize(1);
    assertThat((String) activities.get(0).get("text"))
        .startsWith("Not sent: the window closed.")
        .contains("/template order_update <1>");
    assertThat(activities.get(0))
        .containsEntry("from", Map.of("id", "opencx-notices", "name", "OpenCX"));
  }

  @Test
  void theRepsEndIsToldToOpenCx() {
    replies.handoffEnded(
        new HandoffEnded(
            SESSION, HandoffIds.workflowId(SESSION), "the rep ended the conversation", NOW));

    assertThat(openCx.handoffEnded(SESSION)).isPresent();
    assertThat(openCx.session(SESSION).orElseThrow().status()).isEqualTo("ai");
  }

  private static RepMessage message(RepActivity activity, TemplateCall template) {
    return new RepMessage(SESSION, Emulated.WORKSTREAM_ID, activity, template);
  }

  private static RepActivity rep(String id, String text, List<RepActivity.Attachment> files) {
    return new RepActivity(id, RepActivity.MESSAGE, "Sam", text, files, NOW.minusSeconds(5));
  }

  @Test
  void anOpenCxOutageIsARetryableFailureAndTheRetryDeliversOnce() {
    openCx.injectFault(Fault.status("POST", "/agent-messages", 503, 3));
    RepMessage reply = message(rep("act-7", "Still here.", List.of()), null);

    for (int attempt = 1; attempt <= 3; attempt++) {
      ApplicationFailure failure = Emulated.failure(() -> replies.deliverToCustomer(reply));
      assertThat(failure.isNonRetryable()).isFalse(); // Temporal retries it with backoff
      assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    }
    Delivery delivered = replies.deliverToCustomer(reply);

    assertThat(delivered.outcome()).isEqualTo(Delivery.Outcome.Delivered);
    assertThat(openCx.agentMessages(SESSION)).hasSize(1);
  }
}
