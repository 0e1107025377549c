package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.activities.directline.DirectLineActivitiesImpl;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.workflows.activities.DirectLineActivities.AwaitWorkItem;
import com.opencx.handoff.workflows.activities.DirectLineActivities.PostHandoff;
import com.opencx.handoff.workflows.activities.DirectLineActivities.PostMessage;
import com.opencx.handoff.workflows.activities.DirectLineActivities.StartConversation;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.TranscriptEntry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Direct Line route's activities against the Direct Line emulator and its Omnichannel
 * simulation writing into the Dataverse emulator: the posted handoff is routed into a work item
 * carrying the four context variables, the activity finds it, and an ambiguous 502 on a post leaves
 * exactly one copy of each message on the rep's side.
 */
class DirectLineEmulatorTest {

  private static final String SECRET = "channel-secret-1";
  private static final String BOT = "omnichannel-bot";

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final DirectLineEmulator directLine =
      DirectLineEmulator.start(
          0, 0, "control", dataverse, new Channel(SECRET, Emulated.WORKSTREAM_ID, BOT));
  private final DirectLineActivitiesImpl activities =
      new DirectLineActivitiesImpl(
          new DirectLineClient(DirectLineSettings.of(directLine.baseUrl())),
          Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
          Map.of(Emulated.WORKSTREAM_ID.toLowerCase(), SECRET),
          Duration.ofMillis(50));

  @AfterEach
  void stop() {
    directLine.close();
    dataverse.close();
  }

  @Test
  void theHandoffIsRoutedIntoAWorkItemWithItsContextAndTheActivityFindsIt() {
    directLine.setRoutingDelay(Duration.ofMillis(300));
    String conversation =
        activities.startConversation(new StartConversation("s-dl-1", Emulated.WORKSTREAM_ID));
    activities.postHandoff(handoff(conversation, "s-dl-1", false));

    String workItemId =
        activities.awaitWorkItem(new AwaitWorkItem("s-dl-1", Duration.ofSeconds(10)));
    assertThat(directLine.workItemId(conversation)).contains(workItemId);
    assertThat(Emulated.contextItems(dataverse, workItemId).keySet())
        .contains("sessionId", "channel", "customerPhone", "whatsappWindowClosesAt");
    assertThat(texts(conversation))
        .containsExactly(
            "Conversation before the handoff:\n[2026-12-02T09:00:00Z] Customer: my order is late\n",
            "Summary from the AI: Customer asks for a refund of order 1234.");
  }

  @Test
  void anAmbiguous502LeavesExactlyOneCopyOfEachMessage() {
    String conversation =
        activities.startConversation(new StartConversation("s-dl-2", Emulated.WORKSTREAM_ID));
    activities.postHandoff(handoff(conversation, "s-dl-2", false));
    directLine.injectFault(Fault.statusAfterCommit("POST", "/activities", 502, 1));

    activities.postMessage(message(conversation, "s-dl-2", "wamid-1", "first", false));
    activities.postMessage(message(conversation, "s-dl-2", "wamid-1", "first", true)); // a retry
    activities.postMessage(message(conversation, "s-dl-2", "wamid-2", "second", false));

    assertThat(texts(conversation).subList(2, texts(conversation).size()))
        .containsExactly("first", "second");
  }

  @Test
  void aRoutingThatNeverComesFailsNamingTheCase() {
    directLine.setRouting(false);
    String conversation =
        activities.startConversation(new StartConversation("s-dl-3", Emulated.WORKSTREAM_ID));
    activities.postHandoff(handoff(conversation, "s-dl-3", false));

    assertThatThrownBy(
            () -> activities.awaitWorkItem(new AwaitWorkItem("s-dl-3", Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.WORK_ITEM_NOT_ROUTED);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .startsWith(
                      "live work item never appears — check the custom channel's workstream and"
                          + " its routing rules");
            });
  }

  @Test
  void aWorkstreamWithoutAChannelIsRejected() {
    assertThatThrownBy(
            () ->
                activities.startConversation(
                    new StartConversation("s-dl-4", "00000000-0000-4000-8000-000000000000")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED));
  }

  private List<String> texts(String conversation) {
    return directLine.activities(conversation).stream()
        .filter(a -> "message".equals(a.get("type")))
        .map(a -> String.valueOf(a.get("text")))
        .toList();
  }

  private static PostHandoff handoff(String conversation, String sessionId, boolean retried) {
    return new PostHandoff(
        conversation,
        sessionId,
        Emulated.WORKSTREAM_ID,
        "Ana",
        "ana@example.com",
        "+14155550100",
        Instant.parse("2026-12-03T09:00:00Z"),
        "Customer asks for a refund of order 1234.",
        List.of(
            new TranscriptEntry(
                "customer", "my order is late", Instant.parse("2026-12-02T09:00:00Z"))),
        retried);
  }

  private static PostMessage message(
      String conversation, String sessionId, String id, String text, boolean retried) {
    return new PostMessage(
        conversation, sessionId, Emulated.WORKSTREAM_ID, "Ana", id, text, retried);
  }
}
