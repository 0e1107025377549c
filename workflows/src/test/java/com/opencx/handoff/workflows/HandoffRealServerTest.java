package com.opencx.handoff.workflows;

import static com.opencx.handoff.workflows.HandoffWorkflowTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow on a real Temporal server ({@code TEMPORAL_ADDRESS}, which {@code .ci/run} starts):
 * what the Java test server gets wrong. It never completes the cancellation of an activity that is
 * between retry attempts, and it wedges the workflow (ACTIVITY_UNKNOWN, forever) when an activity
 * completes while its cancellation is being requested; a close before the handoff cancels the step
 * in flight, so every close that meets a running step is tested here.
 */
@Tag("e2e")
class HandoffRealServerTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .useExternalService(System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
          .setNamespace("default")
          .setWorkflowClientOptions(HandoffFixtures.clientOptions())
          .registerWorkflowImplementationTypes(HandoffWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void aCloseStopsARetryingStepAndNothingIsAttemptedAfterIt(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    when(acts.dynamics.createWorkItem(any()))
        .thenAnswer(
            call -> {
              attempts.incrementAndGet();
              throw ApplicationFailure.newFailure("503", FailureTypes.DATAVERSE_UNAVAILABLE);
            });
    acts.register(env, worker);
    env.start();
    String sessionId = unique("s-close-retrying");
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, sessionId);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (attempts.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10); // the first retry comes after 1 s, the next after 2 s
    }

    handoff.close(null);
    int atClose = attempts.get();
    HandoffResult result =
        WorkflowStub.fromTyped(handoff).getResult(20, TimeUnit.SECONDS, HandoffResult.class);
    Thread.sleep(5_000); // a retry that a close failed to cancel would come within 4 s

    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    assertThat(result.reason()).isEqualTo("closed by OpenCX");
    // One attempt may slip in between the close's arrival and its workflow task; no more.
    assertThat(attempts.get()).isLessThanOrEqualTo(atClose + 1);
    verify(acts.sessions, never()).markSessionHandedOff(any());
    verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId(sessionId));
  }

  /**
   * The lookups are local activities of the start's workflow task, so a close sent meanwhile is
   * seen when they end: by then the create may be on its way, and the ending then closes it.
   */
  @Test
  void aCloseDuringTheContactLookupLeavesNoOpenChat(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    CountDownLatch lookingUp = new CountDownLatch(1);
    when(acts.dynamics.resolveContact(any()))
        .thenAnswer(
            call -> {
              lookingUp.countDown();
              Thread.sleep(1500); // OpenCX closes while the lookup runs
              return new ContactMatch(null, ContactRule.NoMatch);
            });
    acts.register(env, worker);
    env.start();
    String sessionId = unique("s-early-close");
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, sessionId);
    assertThat(lookingUp.await(30, TimeUnit.SECONDS)).isTrue();

    handoff.close(new CloseRequest("customer left"));

    assertThat(resultOf(handoff).outcome()).isEqualTo(Phase.Closed);
    verify(acts.sessions, never()).markSessionHandedOff(any());
    verify(acts.sessions, never()).notifyHandoffFailed(any());
    if (!mockingDetails(acts.dynamics).getInvocations().stream()
        .noneMatch(i -> i.getMethod().getName().equals("createWorkItem"))) {
      verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId(sessionId));
    }
  }

  @Test
  void aCloseDuringTheCreateWaitsForItAndClosesWhatLanded(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    String sessionId = unique("s-create-close");
    AtomicBoolean landed = new AtomicBoolean();
    when(acts.dynamics.createWorkItem(any()))
        .thenAnswer(
            call -> {
              Thread.sleep(1500);
              landed.set(true);
              return new WorkItemCreated(HandoffIds.workItemId(sessionId), false);
            });
    doAnswer(
            call -> {
              assertThat(landed).as("the close waited for the create in flight").isTrue();
              return null;
            })
        .when(acts.dynamics)
        .closeWorkItem(any());
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, sessionId);
    awaitStatus(handoff, s -> s.step() == Step.CreateWorkItem);
    handoff.close(new CloseRequest("never mind"));

    assertThat(resultOf(handoff).outcome()).isEqualTo(Phase.Closed);
    assertThat(handoff.status().phase()).isEqualTo(Phase.Closed);
    verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId(sessionId));
    verify(acts.sessions, never()).markSessionHandedOff(any());
  }

  @Test
  void aCloseRightAfterTheStartEndsTheHandoff(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, unique("s-instant-close"));
    handoff.close(new CloseRequest("never mind"));

    assertThat(resultOf(handoff).outcome()).isEqualTo(Phase.Closed);
    assertThat(handoff.status().phase()).isEqualTo(Phase.Closed);
  }

  /**
   * The state is built in {@code @WorkflowInit}: an Update waiting when the first workflow task
   * runs finds it ready and is taken before any step.
   */
  @Test
  void aCancelWaitingForTheFirstTaskIsTakenBeforeAnyStep(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    acts.register(env, worker);
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, unique("s-instant-cancel"));
    CompletableFuture<ActionTaken> cancel =
        CompletableFuture.supplyAsync(
            () -> handoff.cancel(new CancelRequest("opened by mistake", false, "ops")));
    Thread.sleep(1000); // the Update reaches the server before any worker polls
    env.start();

    assertThat(cancel.get(30, TimeUnit.SECONDS).message())
        .isEqualTo("cancelling: cancelled by ops: opened by mistake");
    HandoffResult result = resultOf(handoff);
    assertThat(result.outcome()).isEqualTo(Phase.Cancelled);
    assertThat(result.workItemId()).isNull();
    verify(acts.dynamics, never()).createWorkItem(any());
  }

  private static HandoffResult resultOf(HandoffWorkflow handoff) throws Exception {
    return WorkflowStub.fromTyped(handoff).getResult(30, TimeUnit.SECONDS, HandoffResult.class);
  }

  /** Session ids unique per run: the dev server keeps its histories between test runs. */
  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }
}
