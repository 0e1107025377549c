package com.opencx.handoff.workflows.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deployment's hold: open until the latest end asked for, never shortened by a later 429. */
class DataverseThrottleWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DataverseThrottleWorkflowImpl.class)
          .build();

  @Test
  void holdsUntilTheLatestEndAndOnlyThen(TestWorkflowEnvironment env, Worker worker) {
    long now = env.currentTimeMillis();
    DataverseThrottleWorkflow hold =
        env.getWorkflowClient()
            .newWorkflowStub(
                DataverseThrottleWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("dataverse-throttle-test")
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(hold::hold, now + 10_000);
    hold.throttled(now + 30_000);
    hold.throttled(now + 20_000); // an earlier end does not shorten it

    env.sleep(Duration.ofSeconds(25));
    assertThat(hold.until()).isEqualTo(now + 30_000);
    assertThat(WorkflowStub.fromTyped(hold).describe().getStatus())
        .as("held at 25 s")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    env.sleep(Duration.ofSeconds(10));
    WorkflowStub.fromTyped(hold).getResult(Void.class);
    assertThat(env.currentTimeMillis()).isGreaterThanOrEqualTo(now + 30_000);
  }
}
