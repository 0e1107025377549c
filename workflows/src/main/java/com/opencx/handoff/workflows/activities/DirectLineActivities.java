package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.TranscriptEntry;
import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Step 3 on the Direct Line route (SPEC §10): the handoff reaches the rep through Omnichannel's
 * custom messaging channel. Direct Line does not deduplicate, so every post carries our own id and
 * is made exactly once by the implementation (read back before posting again, on any retry of the
 * activity and whenever the workflow says an earlier try may have posted: a step retried after a
 * park is a new activity); starting a conversation is the one call that may repeat, and a
 * conversation never posted to is harmless.
 */
@ActivityInterface
public interface DirectLineActivities {

  /**
   * Starts a Direct Line conversation on the custom channel configured for the workstream; fails
   * {@link FailureTypes#DIRECT_LINE_REJECTED} when none is configured for it.
   */
  String startConversation(StartConversation input);

  /** Posts the transcript and the summary, the first activity carrying the context (once each). */
  void postHandoff(PostHandoff input);

  /**
   * Waits, bounded, for Omnichannel's routing to create the conversation record, found by its
   * {@code sessionId} context item; returns its {@code activityid}. Past {@code timeout} it fails
   * {@link FailureTypes#WORK_ITEM_NOT_ROUTED} (non-retryable: the handoff parks).
   */
  String awaitWorkItem(AwaitWorkItem input);

  /** Posts one customer message to the conversation, once, under its {@code messageId}. */
  void postMessage(PostMessage input);

  record StartConversation(String sessionId, String workstreamId) {}

  record PostHandoff(
      String conversationId,
      String sessionId,
      String workstreamId,
      String customerName,
      String customerEmail,
      String customerPhone,
      Instant windowClosesAt,
      String summary,
      List<TranscriptEntry> transcript,
      boolean earlierTryMayHavePosted) {}

  record AwaitWorkItem(String sessionId, Duration timeout) {}

  record PostMessage(
      String conversationId,
      String sessionId,
      String workstreamId,
      String customerName,
      String messageId,
      String text,
      boolean earlierTryMayHavePosted) {}
}
