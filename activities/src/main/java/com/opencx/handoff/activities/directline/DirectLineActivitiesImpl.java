package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.directline.ActivityBuilder.HandoffContext;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.workflows.activities.DirectLineActivities;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.TranscriptEntry;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Direct Line route's activities (SPEC §10): the conversation on the custom channel that feeds
 * the handoff's workstream, the handoff and the customer's later messages posted to it exactly once
 * through {@link DirectLinePoster}, and the bounded wait for the conversation record that
 * Omnichannel's routing creates, found in Dataverse by its {@code sessionId} context item.
 */
public final class DirectLineActivitiesImpl implements DirectLineActivities {

  static final String CHANNEL = "whatsapp";
  static final String CONTEXT_ITEMS = "msdyn_ocliveworkitemcontextitems";

  private final DirectLineClient client;
  private final DirectLinePoster poster;
  private final DataverseClient dataverse;
  private final Channels channels;
  private final Duration pollEvery;

  /**
   * @param secretsByWorkstream each custom channel's Direct Line secret, keyed by the workstream
   *     GUID it feeds (lower case)
   */
  public DirectLineActivitiesImpl(
      DirectLineClient client,
      DataverseClient dataverse,
      Map<String, String> secretsByWorkstream,
      Duration pollEvery) {
    this.client = client;
    this.poster = new DirectLinePoster(client);
    this.dataverse = dataverse;
    this.channels = new Channels(secretsByWorkstream);
    this.pollEvery = pollEvery;
  }

  @Override
  public String startConversation(StartConversation input) {
    return client.startConversation(secret(input.workstreamId())).conversationId();
  }

  @Override
  public void postHandoff(PostHandoff input) {
    String secret = secret(input.workstreamId());
    HandoffContext context =
        new HandoffContext(
            input.sessionId(),
            input.customerName(),
            CHANNEL,
            input.customerPhone(),
            input.customerEmail(),
            input.windowClosesAt());
    String base = input.sessionId() + ":handoff";
    List<JsonNode> activities = new ArrayList<>();
    if (!input.transcript().isEmpty()) {
      activities.addAll(ActivityBuilder.first(context, base + ":transcript", transcript(input)));
      activities.addAll(
          ActivityBuilder.later(
              input.sessionId(), input.customerName(), base + ":summary", summary(input)));
    } else {
      activities.addAll(ActivityBuilder.first(context, base + ":summary", summary(input)));
    }
    for (JsonNode activity : activities) {
      post(secret, input.conversationId(), activity, input.earlierTryMayHavePosted());
    }
  }

  @Override
  public String awaitWorkItem(AwaitWorkItem input) {
    Instant deadline = Instant.now().plus(input.timeout());
    String filter =
        "msdyn_name eq 'sessionId' and msdyn_value eq '"
            + input.sessionId().replace("'", "''")
            + "'";
    while (true) {
      JsonNode found =
          dataverse.get(
              CONTEXT_ITEMS, Map.of("$filter", filter, "$select", "_msdyn_ocliveworkitemid_value"));
      for (JsonNode item : found.path("value")) {
        String workItemId = item.path("_msdyn_ocliveworkitemid_value").asText(null);
        if (workItemId != null && !workItemId.isBlank()) {
          return workItemId;
        }
      }
      if (!Instant.now().isBefore(deadline)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "live work item never appears — check the custom channel's workstream and its routing"
                + " rules (no conversation record with context item sessionId = "
                + input.sessionId()
                + " after "
                + input.timeout().toSeconds()
                + " s)",
            FailureTypes.WORK_ITEM_NOT_ROUTED);
      }
      heartbeat();
      sleep();
    }
  }

  @Override
  public void postMessage(PostMessage input) {
    String secret = secret(input.workstreamId());
    for (JsonNode activity :
        ActivityBuilder.later(
            input.sessionId(), input.customerName(), input.messageId(), input.text())) {
      post(secret, input.conversationId(), activity, input.earlierTryMayHavePosted());
    }
  }

  private String secret(String workstreamId) {
    return channels.secretFor(workstreamId);
  }

  private static String transcript(PostHandoff input) {
    StringBuilder text = new StringBuilder("Conversation before the handoff:\n");
    for (TranscriptEntry entry : input.transcript()) {
      text.append('[')
          .append(entry.at())
          .append("] ")
          .append("ai".equals(entry.from()) ? "AI" : "Customer")
          .append(": ")
          .append(entry.text())
          .append('\n');
    }
    return text.toString();
  }

  private static String summary(PostHandoff input) {
    return "Summary from the AI: " + input.summary();
  }

  /**
   * Exactly once: the poster itself reads back on any retry attempt of this activity; the
   * workflow's flag adds the case it alone knows, a step run again after a park.
   */
  private void post(
      String secret, String conversationId, JsonNode activity, boolean mayHavePosted) {
    String ourId = ActivityBuilder.ourIdOf(activity);
    if (mayHavePosted) {
      poster.postOnce(secret, conversationId, ourId, activity, true);
    } else {
      poster.postOnce(secret, conversationId, ourId, activity);
    }
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException outsideAnActivity) {
      // tests call the wait directly
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pollEvery.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for routing", e);
    }
  }
}
