package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow on a real Temporal server ({@code TEMPORAL_ADDRESS}, which {@code .ci/run} starts):
 * what the Java test server gets wrong. It never completes the cancellation of an activity that is
 * between retry attempts, so a close that cancels a retrying step is only testable here.
 */
@Tag("e2e")
class HandoffRealServerTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .useExternalService(System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
          .setNamespace("default")
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
    acts.register(worker);
    env.start();
    String sessionId = "s-close-retrying-" + UUID.randomUUID();
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
}
