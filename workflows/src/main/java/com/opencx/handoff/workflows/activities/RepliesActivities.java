package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.RepActivity;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/**
 * The rep's side of a Direct Line handoff (SPEC §10): the conversation registered with the reply
 * relay, the rep's messages delivered to the customer through OpenCX, notices to the rep in the
 * chat, and OpenCX told when the rep ended the conversation. Every call is safe to repeat: OpenCX
 * keys a message by the Direct Line activity id, a notice carries its own id and is posted once,
 * and registering is a signal the relay applies idempotently.
 */
@ActivityInterface
public interface RepliesActivities {

  /** The relay starts reading the rep's side of this conversation (signal-with-start). */
  void watchReplies(WatchReplies input);

  /** The relay stops reading it. */
  void unwatchReplies(WatchReplies input);

  /**
   * The rep's message to the customer: files fetched from Direct Line and stored at OpenCX first,
   * then {@code agent-messages} under the activity's id. OpenCX's 422 {@code window_closed} and a
   * refused template are outcomes, not failures: the workflow tells the rep.
   */
  Delivery deliverToCustomer(RepMessage input);

  /** A notice to the rep in the chat, posted once per {@code noticeId}; templates appended. */
  void tellRep(RepNotice input);

  /** OpenCX learns the rep ended the conversation, so the AI may take the customer back. */
  void handoffEnded(HandoffEnded input);

  record WatchReplies(
      String sessionId, String workflowId, String conversationId, String workstreamId) {}

  /** {@code template} is set for the rep's {@code /template <name> [param…]}. */
  record RepMessage(
      String sessionId, String workstreamId, RepActivity activity, TemplateCall template) {}

  record TemplateCall(String name, List<String> parameters) {}

  record Delivery(Outcome outcome, String detail) {
    /** Delivered; WindowClosed (detail: OpenCX's closedAt); Refused (detail: why, for the rep). */
    public enum Outcome {
      Delivered,
      WindowClosed,
      Refused
    }
  }

  record RepNotice(
      String sessionId,
      String workstreamId,
      String conversationId,
      String noticeId,
      String text,
      boolean listTemplates) {}

  record HandoffEnded(String sessionId, String workflowId, String reason, Instant endedAt) {}
}
