package com.opencx.handoff.workflows.relay;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One shard of the reply relay: the Direct Line conversations of the handoffs whose session ids
 * hash to it, and one long-lived heartbeating activity that reads the rep's side of all of them and
 * signals each handoff what its rep sent. Temporal owns the assignment: a shard's activity runs on
 * one worker at a time and moves to another when that worker dies (heartbeat timeout), resuming
 * from the watermarks of its last heartbeat. Workflow id {@code directline-relay-<n>}, started by
 * the first handoff that needs it (signal-with-start).
 */
@WorkflowInterface
public interface ReplyRelayWorkflow {

  /**
   * Shards, fixed for the life of a deployment (a session's shard must not move): 10,000 open
   * conversations are 625 per shard.
   */
  int SHARDS = 16;

  /** The shards' workflow ids start with this unless the worker sets its own prefix. */
  String ID_PREFIX = "directline-relay-";

  static int shardOf(String sessionId) {
    return Math.floorMod(sessionId.hashCode(), SHARDS); // String.hashCode is specified
  }

  /** The id of the shard a session's conversation is read by, under {@code prefix}. */
  static String workflowId(String prefix, String sessionId) {
    return prefix + shardOf(sessionId);
  }

  @WorkflowMethod
  void run(Members carried);

  /** Starts reading a conversation's rep side (a repeat keeps the watermark it has). */
  @SignalMethod
  void watch(Member member);

  /** Stops reading it (unknown ones are ignored). */
  @SignalMethod
  void unwatch(String conversationId);

  /** The conversations now read, with their watermarks as last recorded. */
  @QueryMethod
  Members members();

  /** A conversation read by the relay, for the handoff workflow {@code workflowId}. */
  record Member(
      String sessionId,
      String workflowId,
      String conversationId,
      String workstreamId,
      String watermark) {

    public Member withWatermark(String next) {
      return new Member(sessionId, workflowId, conversationId, workstreamId, next);
    }
  }

  record Members(List<Member> conversations) {
    public Members {
      conversations = conversations == null ? List.of() : List.copyOf(conversations);
    }
  }
}
