package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handoff's metrics as the worker exports them: the workflow's metrics scope reported to
 * Micrometer by the SDK's own reporter (as the Temporal starter wires it), on the test server.
 */
class HandoffMetricsTest {

  static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  /** Counters are flushed to Micrometer on the scope's report interval. */
  static final Scope SCOPE =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(REGISTRY))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(20));

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension(SCOPE);

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void aParkedHandoffCountsItsParkAttemptsStepsOutcomesAndTimeToWorkItem(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "404: msdyn_liveworkstream does not exist", FailureTypes.DATAVERSE_NOT_FOUND))
        .thenReturn(new WorkItemCreated(HandoffIds.workItemId("s-metrics"), false));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-metrics");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    env.sleep(Duration.ofMinutes(5)); // an operator takes five minutes to retry
    handoff.retry(new RetryRequest(null, "ops@test"));
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    handoff.close(new CloseRequest("done"));
    assertThat(WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Closed);

    awaitValue(() -> count("handoff_outcomes", "outcome", "HandedOff", "route", "record"), 1);
    awaitValue(() -> count("handoff_outcomes", "outcome", "Closed", "route", "record"), 1);
    awaitValue(
        () -> count("handoff_parks", "step", "CreateWorkItem", "error_type", "DataverseNotFound"),
        1);
    awaitValue(() -> count("handoff_step_attempts", "step", "CreateWorkItem"), 2);
    var stepTimer =
        REGISTRY
            .get("handoff_step_latency")
            .tags(
                "step", "CreateWorkItem", "result", "succeeded", "workflow_type", "HandoffWorkflow")
            .timer();
    assertThat(stepTimer.count()).isEqualTo(1);
    assertThat(stepTimer.totalTime(java.util.concurrent.TimeUnit.MINUTES))
        .as("the park is part of the step's latency, on the workflow's clock")
        .isGreaterThanOrEqualTo(5);
    var toWorkItem = REGISTRY.get("handoff_time_to_work_item").tags("route", "record").timer();
    assertThat(toWorkItem.count()).isEqualTo(1);
    assertThat(toWorkItem.totalTime(java.util.concurrent.TimeUnit.MINUTES))
        .isGreaterThanOrEqualTo(5);
    assertNoCustomerDataInTags();
  }

  @Test
  void aRejectedSessionCountsARejectionAndAnInterruptedValidation(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.sessions.validateSession(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "session channel is sms, not whatsapp", FailureTypes.SESSION_REJECTED));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-metrics-sms");
    handoff.run(
        HandoffFixtures.request("s-metrics-sms", Instant.ofEpochMilli(env.currentTimeMillis())),
        null);

    awaitValue(() -> count("handoff_outcomes", "outcome", "Rejected", "route", "record"), 1);
    assertThat(
            REGISTRY
                .get("handoff_step_latency")
                .tags("step", "ValidateSession", "result", "interrupted")
                .timer()
                .count())
        .isEqualTo(1);
    assertNoCustomerDataInTags();
  }

  private static double count(String name, String... tags) {
    var counter = REGISTRY.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void awaitValue(DoubleSupplier value, double expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (value.getAsDouble() < expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertThat(value.getAsDouble()).isEqualTo(expected);
  }

  /** The fixtures' customer and session must never become a tag value. */
  private static void assertNoCustomerDataInTags() {
    for (Meter meter : REGISTRY.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue())
            .doesNotContain("+14155550100", "ana@example.com", "Ana", "s-metrics");
      }
    }
  }
}
