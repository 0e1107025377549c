package com.opencx.handoff.workflows;

import static com.opencx.handoff.workflows.HandoffWorkflowTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The settings that were constants until they joined the run's policy ({@code handoff.policy.
 * step-budget}, {@code silence-ends-after}, {@code media-parallelism}): each set value is honoured,
 * and a policy without them (recorded before they existed) keeps the old constants.
 */
class PolicySettingsTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  private static HandoffPolicy policy(Duration stepBudget, Duration silence, int parallelism) {
    HandoffPolicy d = HandoffPolicy.DEFAULTS;
    return new HandoffPolicy(
        d.closedCheckEvery(),
        d.parkedRetryEvery(),
        d.parkedGiveUpAfter(),
        d.route(),
        d.routingTimeout(),
        d.templateWindow(),
        stepBudget,
        silence,
        parallelism);
  }

  private void createWorkItemKeepsFailing() {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "503 from Dataverse", FailureTypes.DATAVERSE_UNAVAILABLE));
  }

  @Test
  void aPolicyWithoutTheNewSettingsKeepsTheConstantsTheyReplaced() {
    HandoffPolicy recordedBefore =
        new HandoffPolicy(
            Duration.ofHours(24),
            Duration.ofMinutes(30),
            Duration.ofHours(24),
            HandoffPolicy.RECORD,
            Duration.ofMinutes(5),
            null);
    assertThat(recordedBefore.stepBudget()).isEqualTo(Duration.ofMinutes(10));
    assertThat(recordedBefore.silenceEndsAfter()).isEqualTo(Duration.ofDays(30));
    assertThat(recordedBefore.mediaParallelism()).isEqualTo(4);
    assertThat(policy(Duration.ZERO, null, 0)).isEqualTo(HandoffPolicy.DEFAULTS);
  }

  @Test
  void aShortStepBudgetParksAFailingStepSooner(TestWorkflowEnvironment env, Worker worker) {
    when(acts.policy.handoffPolicy()).thenReturn(policy(Duration.ofMinutes(2), null, 0));
    createWorkItemKeepsFailing();
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-budget");

    env.sleep(Duration.ofMinutes(4));

    HandoffStatus parked = awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(parked.step()).isEqualTo(Step.CreateWorkItem);
  }

  @Test
  void theDefaultStepBudgetStillRetriesForTenMinutes(TestWorkflowEnvironment env, Worker worker) {
    createWorkItemKeepsFailing();
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-default-budget");

    env.sleep(Duration.ofMinutes(4));
    assertThat(handoff.status().phase()).isNotEqualTo(Phase.NeedsAttention);

    env.sleep(Duration.ofMinutes(7));
    assertThat(awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention).step())
        .isEqualTo(Step.CreateWorkItem);
  }

  @Test
  void aShorterSilenceEndsAQuietHandoffSooner(TestWorkflowEnvironment env, Worker worker) {
    when(acts.policy.handoffPolicy()).thenReturn(policy(null, Duration.ofHours(2), 0));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-silence");
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    env.sleep(Duration.ofHours(3));

    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    assertThat(result.reason()).contains("no inbound message for 2 hours");
  }

  @Test
  void mediaMovesAsManyAtATimeAsTheSettingSays(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    when(acts.policy.handoffPolicy()).thenReturn(policy(null, null, 2));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    when(acts.media.attachMedia(any()))
        .thenAnswer(
            call -> {
              MediaAttachment a = call.getArgument(0);
              if (a == null) {
                return null; // re-stubbing
              }
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              Thread.sleep(300);
              inFlight.decrementAndGet();
              return new MediaOutcome(
                  a.item().mediaId(), MediaOutcome.Status.Attached, a.annotationId(), null);
            });
    acts.register(env, worker);
    env.start();
    MediaItem[] items = new MediaItem[6];
    for (int i = 0; i < items.length; i++) {
      items[i] = new MediaItem("m-" + i, "image/png", 512L, "p" + i + ".png", null);
    }
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-parallel");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request("s-parallel", Instant.ofEpochMilli(env.currentTimeMillis()), items),
        null);

    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff && s.media().size() == items.length);
    assertThat(most.get()).isEqualTo(2);
  }
}
