package com.opencx.handoff.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.throttle.DataverseThrottleWorkflowImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers' throttles on one Temporal service (the in-process test server, real time): a 429
 * seen by one holds the other, its Dataverse queue polling suspended, until the Retry-After ends.
 */
class SharedDataverseThrottleTest {

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(HandoffWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(DataverseThrottleWorkflowImpl.class);
    env.newWorker(HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aWorkersThrottleHoldsEveryWorkerForTheRetryAfter() {
    SharedDataverseThrottle first =
        new SharedDataverseThrottle(env.getWorkflowClient(), 0, Clock.systemUTC());
    SharedDataverseThrottle second =
        new SharedDataverseThrottle(env.getWorkflowClient(), 0, Clock.systemUTC());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    DataverseQueueWatch secondsWatch =
        new DataverseQueueWatch(
            new DataverseThrottles(List.of(second)), env.getWorkerFactory(), meters);
    assertThat(second.refresh()).as("nothing held before any 429").isFalse();

    first.throttled(Duration.ofSeconds(3));

    assertThat(first.holdFor()).as("the worker that got it holds at once").isPositive();
    await().atMost(Duration.ofSeconds(10)).until(second::refresh);
    assertThat(second.holdFor()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
    secondsWatch.check();
    assertThat(meters.get("handoff.dataverse.held").gauge().value())
        .as("its Dataverse queue polling suspended")
        .isEqualTo(1);

    await().atMost(Duration.ofSeconds(15)).until(() -> !second.refresh());
    secondsWatch.check();
    assertThat(meters.get("handoff.dataverse.held").gauge().value()).isZero();
    assertThat(first.holdFor()).isZero();
  }

  @Test
  void aFourTwentyNineWithoutRetryAfterHoldsForTheDefault() {
    SharedDataverseThrottle throttle =
        new SharedDataverseThrottle(env.getWorkflowClient(), 0, Clock.systemUTC());

    throttle.throttled(null);

    assertThat(throttle.holdFor())
        .isPositive()
        .isLessThanOrEqualTo(SharedDataverseThrottle.DEFAULT_HOLD);
  }
}
