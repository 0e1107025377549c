package com.opencx.handoff.benchmarks.reference;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * What Temporal alone makes of a handoff's shape: the calls of {@link HandoffShape#callsOn}, made
 * one after the other with nothing in them, so the product's rate can be read against it.
 */
@WorkflowInterface
public interface ReferenceWorkflow {

  /** Each entry {@link HandoffShape#LOCAL} (a local activity) or a task queue (an activity). */
  @WorkflowMethod
  void run(List<String> calls);
}
