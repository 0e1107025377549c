package com.opencx.handoff.workflows.throttle;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Sleeps until the latest end any 429 asked for, then completes, so that "a run is open" means
 * "hold"; a later 429 starts a new run. Signals only ever move the end later.
 */
public class DataverseThrottleWorkflowImpl implements DataverseThrottleWorkflow {

  private long until;

  @Override
  public void hold(long untilEpochMillis) {
    throttled(untilEpochMillis);
    long left;
    while ((left = until - Workflow.currentTimeMillis()) > 0) {
      long end = until;
      Workflow.await(Duration.ofMillis(left), () -> until != end);
    }
  }

  @Override
  public void throttled(long untilEpochMillis) {
    until = Math.max(until, untilEpochMillis);
  }

  @Override
  public long until() {
    return until;
  }
}
