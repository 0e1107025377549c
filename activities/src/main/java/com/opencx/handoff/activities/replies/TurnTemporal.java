package com.opencx.handoff.activities.replies;

import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader turn's dealings with Temporal: signals to the handoffs (a handoff that no longer runs
 * says so, and its conversation is dropped), its shard's membership, and the heartbeat that carries
 * the watermarks a retried turn resumes from. Failures here never end the turn: a member list not
 * answered keeps the one it has, a notice not delivered is tried again later.
 */
final class TurnTemporal {

  private static final Logger LOG = LoggerFactory.getLogger(TurnTemporal.class);

  private final WorkflowClient temporal;

  TurnTemporal(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /** False when the handoff no longer runs. */
  boolean signal(String workflowId, RepActivity activity) {
    try {
      temporal.newWorkflowStub(HandoffWorkflow.class, workflowId).repActivity(activity);
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    }
  }

  /** False when the handoff could not be told (it is told again on the next failed read). */
  boolean tell(String workflowId, RelayHealth health) {
    try {
      temporal.newWorkflowStub(HandoffWorkflow.class, workflowId).relayHealth(health);
      return true;
    } catch (RuntimeException notNow) {
      return false;
    }
  }

  /** The shard's members; throws when the shard does not answer (the caller keeps its own). */
  List<ReplyRelayWorkflow.Member> members(String shardWorkflowId) {
    return temporal
        .newWorkflowStub(ReplyRelayWorkflow.class, shardWorkflowId)
        .members()
        .conversations();
  }

  void unwatch(String shardWorkflowId, String conversationId) {
    try {
      temporal.newWorkflowStub(ReplyRelayWorkflow.class, shardWorkflowId).unwatch(conversationId);
    } catch (RuntimeException notNow) {
      LOG.info("relay: could not drop {} from its shard", conversationId);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> heartbeatWatermarks() {
    try {
      return Activity.getExecutionContext()
          .getHeartbeatDetails(Map.class)
          .map(m -> (Map<String, String>) m)
          .orElse(Map.of());
    } catch (IllegalStateException notInAnActivity) {
      return Map.of();
    }
  }

  /** False when the turn was cancelled or timed out: it ends, its retry resumes. */
  static boolean heartbeat(Map<String, String> watermarks) {
    try {
      Activity.getExecutionContext().heartbeat(watermarks);
      return true;
    } catch (ActivityCompletionException cancelled) {
      return false;
    } catch (IllegalStateException notInAnActivity) {
      return true;
    }
  }
}
