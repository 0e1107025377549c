package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.HandoffRequest;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * The handoff's conversation with OpenCX: check the session before anything is created, record the
 * work item on it afterwards, or tell the AI to resume when the handoff cannot happen. Method names
 * become the activity types shown in the Temporal UI.
 */
@ActivityInterface
public interface SessionActivities {

  /**
   * Step 1. Fails with {@link FailureTypes#SESSION_REJECTED} (non-retryable) when the session is
   * unknown, not WhatsApp, closed, handed off to another work item, or has no valid phone.
   */
  ValidatedSession validateSession(ValidateSessionInput input);

  /** Step 5. Idempotent: marking the same work item twice is a no-op at OpenCX. */
  void markSessionHandedOff(MarkHandedOffInput input);

  /** Lets the AI resume and tell the customer; sent on rejection and on cancel. */
  void notifyHandoffFailed(HandoffFailedInput input);

  /** The request to check, and the work item id this handoff will create (to tell "ours" apart). */
  record ValidateSessionInput(HandoffRequest request, String workItemId) {}

  /** The facts the later steps need, normalised: phone in E.164, email trimmed, or null. */
  record ValidatedSession(String phoneE164, String email, String name) {}

  /** OpenCX's {@code POST /v1/sessions/{id}/handoff} body, plus the session id. */
  record MarkHandedOffInput(
      String sessionId, String workItemId, String workflowId, Instant handedOffAt) {}

  /** OpenCX's {@code POST /v1/sessions/{id}/handoff-failed} body, plus the session id. */
  record HandoffFailedInput(String sessionId, String workflowId, String reason) {}
}
