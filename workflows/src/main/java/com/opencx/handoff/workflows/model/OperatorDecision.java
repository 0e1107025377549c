package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What an operator chose for a handoff parked in NeedsAttention. {@code workstreamId} re-targets
 * the work item on a retry; {@code closeWorkItem} asks a cancel to close the rep's conversation
 * too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorDecision(
    Action action, String workstreamId, String reason, boolean closeWorkItem, String operator) {

  /** The three ways out of NeedsAttention. */
  public enum Action {
    RETRY,
    SKIP,
    CANCEL
  }

  public static OperatorDecision retry(String workstreamId, String operator) {
    return new OperatorDecision(Action.RETRY, workstreamId, null, false, operator);
  }

  public static OperatorDecision skip(String operator) {
    return new OperatorDecision(Action.SKIP, null, null, false, operator);
  }

  public static OperatorDecision cancel(String reason, boolean closeWorkItem, String operator) {
    return new OperatorDecision(Action.CANCEL, null, reason, closeWorkItem, operator);
  }
}
