package com.opencx.handoff.benchmarks.round;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Asks the Temporal server, not the workflow, where a round's handoffs stand ({@code
 * DescribeWorkflowExecution}, which adds no history event and needs no payload key): whether a run
 * is idle — still running, with no activity pending and no workflow task scheduled or running (so
 * also no local activity in flight), i.e. handed off and waiting for its template window timer or a
 * signal — and whether it has ended. The round closes handoffs only once they are idle, so that
 * each history's part before the close signal is the complete handoff, and before exiting it
 * terminates any run still open, so that no workflow of one version is left on the shared task
 * queue for the next round's worker of the other version.
 */
final class ExecutionProbe implements AutoCloseable {

  private static final String NAMESPACE = "default";

  private final WorkflowServiceStubs service;

  ExecutionProbe(String target) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /** Waits until every workflow is idle; returns the ids that were not within {@code timeout}. */
  List<String> awaitIdle(List<String> workflowIds, Duration timeout) throws InterruptedException {
    return await(
        workflowIds,
        timeout,
        d ->
            running(d)
                && d.getPendingActivitiesCount() == 0
                && !d.hasPendingWorkflowTask()
                && d.getPendingChildrenCount() == 0);
  }

  /** Waits until every workflow has ended; returns the ids still running after {@code timeout}. */
  List<String> awaitEnded(List<String> workflowIds, Duration timeout) throws InterruptedException {
    return await(workflowIds, timeout, d -> !running(d));
  }

  /** How many of the workflows ended with status COMPLETED. */
  int completed(List<String> workflowIds) {
    int completed = 0;
    for (String id : workflowIds) {
      if (describe(id).getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        completed++;
      }
    }
    return completed;
  }

  /** Terminates the given runs if still open (best effort). */
  void terminate(List<String> workflowIds, String reason) {
    for (String id : workflowIds) {
      try {
        service
            .blockingStub()
            .terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                    .setReason(reason)
                    .build());
      } catch (io.grpc.StatusRuntimeException alreadyEnded) {
        // NOT_FOUND: it is not running any more
      }
    }
  }

  private List<String> await(
      List<String> workflowIds,
      Duration timeout,
      Predicate<DescribeWorkflowExecutionResponse> reached)
      throws InterruptedException {
    List<String> waiting = new ArrayList<>(workflowIds);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      waiting.removeIf(id -> reached.test(describe(id)));
      if (!waiting.isEmpty()) {
        Thread.sleep(100);
      }
    }
    return waiting;
  }

  private static boolean running(DescribeWorkflowExecutionResponse d) {
    return d.getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  @Override
  public void close() {
    service.shutdownNow();
  }
}
