package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.DirectLineActivities.PostHandoff;
import com.opencx.handoff.workflows.activities.DirectLineActivities.PostMessage;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * Step 3 over Direct Line (SPEC §10) against mocked activities: the conversation is started once
 * and kept, the handoff is posted, Omnichannel's work item id is learnt and used from then on,
 * customer texts are relayed in order, each message's media right after its text into the
 * conversation of the requested workstream's channel; a routing that never comes parks the handoff
 * with the runbook's case named, and its retry posts again only after reading back.
 */
class DirectLineRouteTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private static final String OMNICHANNEL_ID = "0d6f0c4e-1111-4222-8333-444455556666";

  private final HandoffFixtures acts = new HandoffFixtures();

  @BeforeEach
  void overDirectLine() {
    acts.overDirectLine("conv-1", null);
  }

  @Test
  void theRepGetsTheConversationOmnichannelRoutedAndEachTextOnce(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.directLine.awaitWorkItem(any())).thenReturn(OMNICHANNEL_ID);
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-dl");

    HandoffStatus status =
        HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    assertThat(status.workItemId()).isEqualTo(OMNICHANNEL_ID);
    assertThat(status.contactLinkedBy()).isEqualTo(HandoffStatus.LINKED_BY_OMNICHANNEL);
    verify(acts.dynamics, never()).createWorkItem(any());
    verify(acts.directLine)
        .postHandoff(
            argThat(
                (PostHandoff p) ->
                    p.conversationId().equals("conv-1")
                        && p.summary().startsWith("Customer asks")
                        && !p.earlierTryMayHavePosted()));
    verify(acts.sessions).markSessionHandedOff(argThat(m -> m.workItemId().equals(OMNICHANNEL_ID)));

    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    handoff.inboundMessage(new InboundMessage("wamid-1", now, "first", List.of()));
    handoff.inboundMessage(new InboundMessage("wamid-2", now, "second", List.of()));
    handoff.inboundMessage(new InboundMessage("wamid-1", now, "first", List.of())); // redelivered
    handoff.inboundMessage(new InboundMessage("wamid-3", now, "third", List.of()));
    env.sleep(Duration.ofMinutes(1));
    handoff.close(new CloseRequest("done"));
    assertThat(WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class).workItemId())
        .isEqualTo(OMNICHANNEL_ID);

    InOrder order = inOrder(acts.directLine);
    for (String id : List.of("wamid-1", "wamid-2", "wamid-3")) {
      order
          .verify(acts.directLine)
          .postMessage(
              argThat(
                  (PostMessage m) ->
                      m != null
                          && m.messageId().equals(id)
                          && m.conversationId().equals("conv-1")));
    }
    verify(acts.directLine, times(3)).postMessage(any());
    verify(acts.directLine, times(1)).startConversation(any());
  }

  @Test
  void aRoutingThatNeverComesParksNamingTheCaseAndTheRetryReadsBackFirst(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.directLine.awaitWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "live work item never appears — check the custom channel's workstream and its"
                    + " routing rules",
                FailureTypes.WORK_ITEM_NOT_ROUTED))
        .thenReturn(OMNICHANNEL_ID);
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-dl-unrouted");

    HandoffStatus parked =
        HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(parked.step()).isEqualTo(Step.CreateWorkItem);
    assertThat(parked.lastErrorType()).isEqualTo(FailureTypes.WORK_ITEM_NOT_ROUTED);
    assertThat(parked.lastError()).contains("live work item never appears");

    handoff.retry(new RetryRequest(null, "ops"));
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.directLine, times(1)).startConversation(any()); // one conversation, kept
    InOrder order = inOrder(acts.directLine);
    order
        .verify(acts.directLine)
        .postHandoff(argThat((PostHandoff p) -> !p.earlierTryMayHavePosted()));
    order
        .verify(acts.directLine)
        .postHandoff(argThat((PostHandoff p) -> p.earlierTryMayHavePosted()));
  }

  @Test
  void aMessagesMediaFollowsItsTextIntoTheRequestedWorkstreamsConversation(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.directLine.awaitWorkItem(any())).thenReturn(OMNICHANNEL_ID);
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-dl-media");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    MediaItem receipt = new MediaItem("img-1", "image/jpeg", 4096L, "receipt.jpg", null);
    handoff.inboundMessage(new InboundMessage("wamid-1", now, "the receipt", List.of(receipt)));
    handoff.inboundMessage(new InboundMessage("wamid-2", now, "thanks", List.of()));
    env.sleep(Duration.ofMinutes(1));
    handoff.close(new CloseRequest("done"));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    String workstream = HandoffFixtures.request("s-dl-media", now).workstreamId();
    verify(acts.directLine)
        .startConversation(argThat(c -> c != null && workstream.equals(c.workstreamId())));
    InOrder order = inOrder(acts.directLine, acts.media);
    order
        .verify(acts.directLine)
        .postMessage(argThat(m -> m != null && m.messageId().equals("wamid-1")));
    order
        .verify(acts.media)
        .attachMedia(
            argThat(
                (MediaAttachment a) ->
                    a != null
                        && a.item().mediaId().equals("img-1")
                        && "conv-1".equals(a.conversationId())
                        && workstream.equals(a.workstreamId())
                        && OMNICHANNEL_ID.equals(a.workItemId())));
    order
        .verify(acts.directLine)
        .postMessage(argThat(m -> m != null && m.messageId().equals("wamid-2")));
  }
}
