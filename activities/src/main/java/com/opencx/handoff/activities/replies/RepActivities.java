package com.opencx.handoff.activities.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.model.RepActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Direct Line activities are the rep's: a {@code message} or {@code endOfConversation} whose
 * {@code from.id} is the bot handle. The customer's own messages (Direct Line returns the client's
 * activities too), our notices, typing and the like are not, so nothing of ours goes back to the
 * customer.
 */
final class RepActivities {

  private RepActivities() {}

  static Optional<RepActivity> read(String botHandle, JsonNode activity) {
    String type = activity.path("type").asText("");
    if (!botHandle.equals(activity.path("from").path("id").asText(null))
        || !(type.equals(RepActivity.MESSAGE) || type.equals(RepActivity.END_OF_CONVERSATION))) {
      return Optional.empty();
    }
    List<RepActivity.Attachment> files = new ArrayList<>();
    for (JsonNode file : activity.path("attachments")) {
      files.add(
          new RepActivity.Attachment(
              file.path("name").asText(null),
              file.path("contentType").asText(null),
              file.path("contentUrl").asText(null)));
    }
    Instant sentAt;
    try {
      sentAt = Instant.parse(activity.path("timestamp").asText(""));
    } catch (RuntimeException unreadable) {
      sentAt = Instant.now();
    }
    return Optional.of(
        new RepActivity(
            activity.path("id").asText(null),
            type,
            activity.path("from").path("name").asText(null),
            activity.path("text").asText(null),
            files,
            sentAt));
  }
}
