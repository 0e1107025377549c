package com.opencx.handoff.worker.temporal;

import com.opencx.handoff.activities.dynamics.DataverseThrottle;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.throttle.DataverseThrottleWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application user's {@link DataverseThrottle} in a worker: a 429 holds this process's requests
 * as that user at once and is passed to every other worker through the deployment's {@link
 * DataverseThrottleWorkflow} (signal-with-start, off the activity's thread, at most once a second
 * of extra hold), and {@link #refresh()} learns of other workers' 429s from it. The Temporal server
 * is the one place every worker already shares, so no other store is needed.
 */
public final class SharedDataverseThrottle implements DataverseThrottle {

  private static final Logger log = LoggerFactory.getLogger(SharedDataverseThrottle.class);

  /** The hold for a 429 without a usable {@code Retry-After}. */
  static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);

  /** A later 429 extends the shared hold only when it asks for this much more. */
  private static final long SIGNAL_STEP_MILLIS = 1_000;

  private final WorkflowClient client;
  private final String workflowId;
  private final Clock clock;
  private final AtomicLong heldUntil = new AtomicLong();
  private final AtomicLong signalledUntil = new AtomicLong();
  private final ExecutorService signals =
      Executors.newSingleThreadExecutor(DaemonThreads.named("dataverse-throttle"));

  /** Application user {@code user}'s hold (0: the configured one, n: additional user n). */
  public SharedDataverseThrottle(WorkflowClient client, int user, Clock clock) {
    this.client = client;
    String queue = HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE);
    this.workflowId =
        DataverseThrottleWorkflow.workflowId(queue) + (user == 0 ? "" : "-user-" + user);
    this.clock = clock;
  }

  @Override
  public void throttled(Duration retryAfter) {
    long until = clock.millis() + (retryAfter == null ? DEFAULT_HOLD : retryAfter).toMillis();
    heldUntil.accumulateAndGet(until, Math::max);
    long before = signalledUntil.getAndAccumulate(until, Math::max);
    if (until >= before + SIGNAL_STEP_MILLIS) {
      signals.execute(() -> share(until));
    }
  }

  @Override
  public Duration holdFor() {
    return Duration.ofMillis(Math.max(0, heldUntil.get() - clock.millis()));
  }

  /**
   * Reads the deployment's hold (one {@code DescribeWorkflowExecution}, a query only while a hold
   * is open) into this process's; true while this process holds. Temporal out of reach changes
   * nothing: the 429s themselves still hold.
   */
  public boolean refresh() {
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        long until = client.newWorkflowStub(DataverseThrottleWorkflow.class, workflowId).until();
        heldUntil.accumulateAndGet(until, Math::max);
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        log.debug("could not read the deployment's Dataverse hold: {}", e.getStatus());
      }
    } catch (RuntimeException e) {
      log.debug("could not read the deployment's Dataverse hold: {}", e.toString());
    }
    return !holdFor().isZero();
  }

  private void share(long until) {
    try {
      DataverseThrottleWorkflow flag =
          client.newWorkflowStub(
              DataverseThrottleWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                  .setStaticSummary("Dataverse answered 429: every worker holds its requests")
                  .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(flag::hold, until);
      request.add(flag::throttled, until);
      client.signalWithStart(request);
      log.warn(
          "Dataverse answered 429; every worker holds its Dataverse requests for {} s",
          Math.max(0, (until - clock.millis() + 999) / 1000));
    } catch (RuntimeException e) {
      // The other workers will meet the 429 themselves; this one holds either way.
      log.warn("could not share Dataverse's 429 with the other workers: {}", e.toString());
    }
  }
}
