package com.opencx.handoff.workflows.relay;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/**
 * The reply relay's reader: one call reads the rep's side of a shard's conversations for a turn
 * (minutes), signalling each handoff the rep's activities in order before it moves a watermark on,
 * heartbeating the watermarks, and follows membership changes by querying its shard workflow. It
 * returns the watermarks reached so the shard records them.
 */
@ActivityInterface
public interface RelayActivities {

  Progress relayShard(Turn turn);

  /** The shard's workflow id and its members at the start of the turn. */
  record Turn(String shardWorkflowId, ReplyRelayWorkflow.Members members) {}

  /** Watermarks reached, by conversation id. */
  record Progress(Map<String, String> watermarks) {
    public Progress {
      watermarks = watermarks == null ? Map.of() : Map.copyOf(watermarks);
    }
  }
}
