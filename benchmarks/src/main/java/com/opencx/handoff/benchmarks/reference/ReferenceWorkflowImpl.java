package com.opencx.handoff.benchmarks.reference;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls in order, each awaited before the next as the handoff's steps are; the timeouts are the
 * product's (60 s for a Dataverse call, 30 s for a local one), though a no-op never nears them.
 */
public class ReferenceWorkflowImpl implements ReferenceWorkflow {

  static final ActivityOptions ACTIVITY =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build();

  static final LocalActivityOptions LOCAL_ACTIVITY =
      LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();

  @Override
  public void run(List<String> calls) {
    NoopActivities local = Workflow.newLocalActivityStub(NoopActivities.class, LOCAL_ACTIVITY);
    Map<String, NoopActivities> onQueue = new HashMap<>();
    for (String call : calls) {
      if (call.equals(HandoffShape.LOCAL)) {
        local.noop();
      } else {
        onQueue
            .computeIfAbsent(
                call,
                queue ->
                    Workflow.newActivityStub(
                        NoopActivities.class,
                        ActivityOptions.newBuilder(ACTIVITY).setTaskQueue(queue).build()))
            .noop();
      }
    }
  }
}
