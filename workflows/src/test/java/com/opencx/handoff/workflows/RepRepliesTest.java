package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.RepliesActivities.Delivery;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepMessage;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepNotice;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rep's side of a Direct Line handoff (version 6) on the time-skipping test server, with the
 * activities mocked: the relay is registered after routing; a reply at 23h59m goes to the customer;
 * at 24h01m it is held and the rep told, with the templates; a template goes outside the window; a
 * new customer message reopens it; OpenCX's own 422 is told the same way; a repeated activity id is
 * passed on once; the rep's end closes the handoff, tells OpenCX and stops the relay.
 */
class RepRepliesTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @BeforeEach
  void overDirectLine() {
    acts.overDirectLine("conv-1", "0d6f0c4e-1111-4222-8333-444455556666");
  }

  @Test
  void theWindowDecidesWhatReachesTheCustomerAndTheRepsEndClosesTheHandoff(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-rep");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.replies).watchReplies(argThat(w -> "conv-1".equals(w.conversationId())));
    Instant start = Instant.ofEpochMilli(env.currentTimeMillis());

    env.sleep(Duration.ofHours(23).plusMinutes(59));
    handoff.repActivity(message("a1", "Your refund is on its way."));
    handoff.repActivity(message("a1", "Your refund is on its way.")); // the relay read it twice
    verify(acts.replies, timeout(5_000)).deliverToCustomer(argThat(m -> id(m, "a1")));

    env.sleep(Duration.ofMinutes(2)); // 24h01m: the window closed at 24h
    verify(acts.replies, timeout(5_000))
        .tellRep(argThat(n -> notice(n, "window-closed:") && n.listTemplates()));
    handoff.repActivity(message("a2", "Anything else?"));
    verify(acts.replies, timeout(5_000))
        .tellRep(argThat(n -> notice(n, "held:a2") && n.text().contains("/template")));

    handoff.repActivity(message("a3", "/template order_update \"order 1042\""));
    verify(acts.replies, timeout(5_000))
        .deliverToCustomer(
            argThat(
                m ->
                    id(m, "a3")
                        && m.template() != null
                        && m.template().name().equals("order_update")
                        && m.template().parameters().equals(List.of("order 1042"))));

    handoff.inboundMessage(
        new InboundMessage(
            "wamid-9", Instant.ofEpochMilli(env.currentTimeMillis()), "yes", List.of()));
    handoff.repActivity(message("a4", "Welcome back."));
    verify(acts.replies, timeout(5_000)).deliverToCustomer(argThat(m -> id(m, "a4")));

    when(acts.replies.deliverToCustomer(argThat(m -> m != null && id(m, "a5"))))
        .thenReturn(new Delivery(Delivery.Outcome.WindowClosed, "2026-12-03T09:00:00Z"));
    handoff.repActivity(message("a5", "One more thing."));
    verify(acts.replies, timeout(5_000))
        .tellRep(argThat(n -> notice(n, "held:a5") && n.text().contains("2026-12-03T09:00:00Z")));

    handoff.repActivity(
        new RepActivity("a6", RepActivity.END_OF_CONVERSATION, "Rep", null, List.of(), start));
    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    assertThat(result.reason()).isEqualTo("the rep ended the conversation");
    verify(acts.replies, times(1)).deliverToCustomer(argThat(m -> id(m, "a1")));
    verify(acts.replies, never()).deliverToCustomer(argThat(m -> id(m, "a2")));
    verify(acts.replies).handoffEnded(argThat(e -> e.reason().contains("rep ended")));
    verify(acts.replies).unwatchReplies(argThat(w -> "conv-1".equals(w.conversationId())));
    verify(acts.audit, timeout(5_000))
        .writeAuditEvent(argThat(e -> e != null && "handoff.closed".equals(e.type())));
  }

  @Test
  void openCxsCloseIsToldToTheRepAndNoOneElse(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-rep-closed");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    handoff.close(new com.opencx.handoff.workflows.model.CloseRequest("customer left"));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    verify(acts.replies)
        .tellRep(argThat(n -> notice(n, "closed-by-opencx") && n.text().contains("customer left")));
    verify(acts.replies, never()).handoffEnded(any());
    verify(acts.replies).unwatchReplies(any());
  }

  private static RepActivity message(String id, String text) {
    return new RepActivity(id, RepActivity.MESSAGE, "Rep", text, List.of(), Instant.EPOCH);
  }

  private static boolean id(RepMessage message, String id) {
    return message != null && id.equals(message.activity().id());
  }

  private static boolean notice(RepNotice notice, String id) {
    return notice != null && notice.noticeId().contains(":notice:" + id);
  }

  @Test
  void aLastingRelayFailureShowsAsNeedsAttentionUntilItReadsAgain(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-rep-relay");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    handoff.relayHealth(
        new RelayHealth("DirectLineUnavailable", Instant.parse("2026-12-02T08:00:00Z")));
    HandoffStatus troubled =
        HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(troubled.step()).isEqualTo(Step.RelayReplies);
    assertThat(troubled.lastErrorType()).isEqualTo("DirectLineUnavailable");
    assertThat(troubled.lastError()).contains("since 2026-12-02T08:00:00Z");
    assertThat(troubled.skippable()).isFalse();
    assertThat(
            HandoffFixtures.refusal(() -> handoff.retry(new RetryRequest(null, "ops"))).getType())
        .isEqualTo(OperatorRefusals.NOT_PARKED);

    handoff.relayHealth(RelayHealth.healthy());
    HandoffStatus back =
        HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    assertThat(back.step()).isEqualTo(Step.TemplateWindow);
    assertThat(back.lastErrorType()).isNull();
  }
}
