package com.opencx.handoff.workflows.throttle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The deployment's "Dataverse asked us to wait" flag, one run per Dataverse task queue: a worker
 * that gets a 429 signals-with-start it with the time Dataverse's {@code Retry-After} ends; the run
 * lives until the latest such time and then completes. Every worker looks for a running one each
 * second and, while there is, stops taking Dataverse tasks and holds its own requests, so one 429
 * slows every worker (Dataverse's limits are per application user, not per process). It holds no
 * customer data: a time and a count.
 */
@WorkflowInterface
public interface DataverseThrottleWorkflow {

  /** Its workflow id for {@code dataverseTaskQueue}: one flag per budget. */
  static String workflowId(String dataverseTaskQueue) {
    return "dataverse-throttle-" + dataverseTaskQueue;
  }

  /** Holds until {@code untilEpochMillis} or the latest time a signal has asked for since. */
  @WorkflowMethod
  void hold(long untilEpochMillis);

  /** Another 429: hold until {@code untilEpochMillis} if that is later than the current end. */
  @SignalMethod
  void throttled(long untilEpochMillis);

  /** When the hold ends (epoch millis). */
  @QueryMethod
  long until();
}
