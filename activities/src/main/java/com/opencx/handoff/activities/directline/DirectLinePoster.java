package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Posts an activity so that it is in the conversation exactly once, although Direct Line does not
 * deduplicate (directline.md §3: "our platform do not dedupe"; a 502 "bot timed out" was still
 * delivered) and a Temporal activity may run more than once. Every activity we post carries our own
 * id in {@code channelData.opencxMessageId} ({@link ActivityBuilder#OUR_ID_KEY}), which Direct Line
 * keeps unmodified and returns on {@code GET …/activities}, including the client's own activities
 * (§3, §5). Reading the conversation back tells whether an earlier try got through.
 *
 * <p><b>The rule.</b> The conversation is read back (all pages from the start, §5) and an activity
 * whose {@code from.id} is ours and whose {@code channelData.opencxMessageId} equals {@code ourId}
 * is returned instead of posting, (1) before the first post whenever an earlier try may have
 * posted, which {@link #postOnce(String, String, String, JsonNode)} takes to be every Temporal
 * attempt after the first (a caller that schedules a new activity for the same id, e.g. an
 * operator's retry after NeedsAttention, must pass {@code true} to the five-argument form), and (2)
 * after an ambiguous failure of our own post ({@link DirectLineException}: 5xx, a timeout or reset
 * after the request went out, an unreadable 2xx). When the read-back does not find it, the activity
 * is posted once more; a failure of that post, or of the read-back, is thrown (retryable), and the
 * next attempt reads back first. A non-ambiguous failure (429, 4xx, nothing sent) is thrown at
 * once. Residual risk: an activity that Direct Line stores only after our read-back is posted
 * twice; Direct Line offers nothing to close that window.
 */
public final class DirectLinePoster {

  /** Read-back stops (as a retryable failure) after this many pages rather than loop forever. */
  static final int MAX_READ_BACK_PAGES = 500;

  private final DirectLineClient client;

  public DirectLinePoster(DirectLineClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Posts {@code activity} unless it is already in the conversation, reading back first on every
   * Temporal attempt after the first (or always, when called outside an activity). Returns Direct
   * Line's id of the one activity carrying {@code ourId}, or null if Direct Line answered 204 and
   * the activity cannot be found.
   */
  public String postOnce(String secret, String conversationId, String ourId, JsonNode activity) {
    return postOnce(secret, conversationId, ourId, activity, earlierAttempt());
  }

  /** As above, with the caller saying whether an earlier try may already have posted it. */
  public String postOnce(
      String secret,
      String conversationId,
      String ourId,
      JsonNode activity,
      boolean earlierTryMayHavePosted) {
    return once(
        secret,
        conversationId,
        ourId,
        activity,
        earlierTryMayHavePosted,
        () -> client.postActivity(secret, conversationId, activity));
  }

  /**
   * Uploads {@code file} with {@code activity} as its template, by the same rule: the upload
   * becomes one message activity carrying {@code channelData} and the file, so the read-back finds
   * it like a post. Reads back first on every Temporal attempt after the first.
   */
  public String uploadOnce(
      String secret,
      String conversationId,
      String ourId,
      JsonNode activity,
      DirectLineClient.Upload file) {
    return once(
        secret,
        conversationId,
        ourId,
        activity,
        earlierAttempt(),
        () -> client.uploadWith(secret, conversationId, activity, file));
  }

  private String once(
      String secret,
      String conversationId,
      String ourId,
      JsonNode activity,
      boolean earlierTryMayHavePosted,
      Supplier<String> send) {
    String fromId = activity.path("from").path("id").asText("");
    if (fromId.isEmpty() || !ourId.equals(ActivityBuilder.ourIdOf(activity))) {
      throw new IllegalArgumentException(
          "the activity needs from.id and channelData." + ActivityBuilder.OUR_ID_KEY + " = ourId");
    }
    if (earlierTryMayHavePosted) {
      Optional<String> found = find(secret, conversationId, fromId, ourId);
      if (found.isPresent()) {
        return found.get();
      }
    }
    try {
      return sendAndName(secret, conversationId, fromId, ourId, send);
    } catch (DirectLineException first) {
      if (!first.ambiguous()) {
        throw first.toFailure();
      }
      Optional<String> found = find(secret, conversationId, fromId, ourId);
      if (found.isPresent()) {
        return found.get();
      }
      try {
        return sendAndName(secret, conversationId, fromId, ourId, send);
      } catch (DirectLineException second) {
        throw second.toFailure();
      }
    }
  }

  /** One send; a 204 gives no id (§3), so the activity is then looked up instead. */
  private String sendAndName(
      String secret, String conversationId, String from, String ourId, Supplier<String> send) {
    String id = send.get();
    return id != null ? id : find(secret, conversationId, from, ourId).orElse(null);
  }

  /** Direct Line's id of our activity carrying {@code ourId}, paging until a page is empty. */
  Optional<String> find(String secret, String conversationId, String fromId, String ourId) {
    String watermark = null;
    try {
      for (int pages = 0; pages < MAX_READ_BACK_PAGES; pages++) {
        DirectLineClient.ActivityPage page = client.page(secret, conversationId, watermark);
        for (JsonNode activity : page.activities()) {
          if (fromId.equals(activity.path("from").path("id").asText(null))
              && ourId.equals(ActivityBuilder.ourIdOf(activity))) {
            return Optional.ofNullable(activity.path("id").asText(null));
          }
        }
        boolean stuck = Objects.equals(page.watermark(), watermark);
        if (page.activities().isEmpty() || stuck) {
          return Optional.empty();
        }
        watermark = page.watermark();
      }
    } catch (DirectLineException e) {
      throw e.toFailure();
    }
    throw ApplicationFailure.newBuilder()
        .setType(com.opencx.handoff.workflows.activities.FailureTypes.DIRECT_LINE_UNAVAILABLE)
        .setMessage(
            "Direct Line "
                + DirectLineClient.GET_ACTIVITIES
                + ": read-back did not end within "
                + MAX_READ_BACK_PAGES
                + " pages")
        .build();
  }

  private static boolean earlierAttempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt() > 1;
    } catch (IllegalStateException notInAnActivity) {
      return true;
    }
  }
}
