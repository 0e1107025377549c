package com.opencx.handoff.emulators.directline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Direct Line conversation's transcript and bookkeeping, the single source that the REST reads,
 * the WebSocket stream, the Omnichannel routing and the scriptable rep all share, so that an
 * activity is numbered once and every reader sees the same sequence. The watermark is the sequence
 * number of the last activity a reader has (1-based), as a decimal string.
 */
final class Conversation {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

  final String id;
  final String token;
  final Channel channel;
  private final List<Map<String, Object>> activities = new ArrayList<>();
  private final Map<String, Attachment> attachments = new LinkedHashMap<>();
  private Consumer<List<Map<String, Object>>> listener;
  private boolean routingClaimed;
  private String workItemId;
  private boolean endedByRep;

  /** Bytes a client uploaded or the rep sent, served at the activity's {@code contentUrl}. */
  record Attachment(String contentType, String name, byte[] bytes) {}

  Conversation(String id, String token, Channel channel) {
    this.id = id;
    this.token = token;
    this.channel = channel;
  }

  /**
   * Numbers and stores one activity: the service's own fields ({@code id}, {@code timestamp},
   * {@code channelId}, {@code conversation}) are set, everything else is kept as given.
   *
   * @return the stored activity
   */
  Map<String, Object> append(Map<String, Object> activity) {
    synchronized (this) {
      Map<String, Object> stored = stamp(activity, activities.size() + 1);
      activities.add(stored);
      if (listener != null) {
        listener.accept(List.of(stored)); // only enqueues: keeps the order, never blocks long
      }
      return stored;
    }
  }

  /** What {@link #append} would store as the next activity, for measuring it. */
  synchronized Map<String, Object> preview(Map<String, Object> activity) {
    return stamp(activity, activities.size() + 1);
  }

  private Map<String, Object> stamp(Map<String, Object> activity, int sequence) {
    Map<String, Object> stored = new LinkedHashMap<>(activity);
    stored.put("id", id + "|" + String.format("%07d", sequence));
    stored.put("timestamp", TIMESTAMP.format(Instant.now()));
    stored.put("channelId", "directline");
    stored.put("conversation", Map.of("id", id));
    return stored;
  }

  /** The activity's sequence number: the digits after {@code |} in its id. */
  static int sequence(Map<String, Object> activity) {
    String id = (String) activity.get("id");
    return Integer.parseInt(id.substring(id.lastIndexOf('|') + 1));
  }

  /** Activities after {@code watermark} (0 = from the start), at most {@code max}. */
  synchronized List<Map<String, Object>> after(int watermark, int max) {
    int from = Math.min(Math.max(watermark, 0), activities.size());
    int to = (int) Math.min(activities.size(), (long) from + max);
    return List.copyOf(activities.subList(from, to));
  }

  synchronized List<Map<String, Object>> all() {
    return List.copyOf(activities);
  }

  /**
   * Makes {@code l} the one stream listener and hands it the backlog after {@code watermark} under
   * the same lock, so nothing appended meanwhile is lost or sent twice.
   */
  void listen(Consumer<List<Map<String, Object>>> l, int watermark) {
    synchronized (this) {
      listener = l;
      List<Map<String, Object>> backlog = after(watermark, Integer.MAX_VALUE);
      if (!backlog.isEmpty()) {
        l.accept(backlog);
      }
    }
  }

  synchronized void unlisten(Consumer<List<Map<String, Object>>> l) {
    if (listener == l) {
      listener = null;
    }
  }

  /** True exactly once: for the caller that gets to route this conversation. */
  synchronized boolean claimRouting() {
    if (routingClaimed) {
      return false;
    }
    routingClaimed = true;
    return true;
  }

  synchronized void routed(String workItemId) {
    this.workItemId = workItemId;
  }

  synchronized Optional<String> workItemId() {
    return Optional.ofNullable(workItemId);
  }

  /** The rep ended this chat; the inbox stops listing it as open. */
  synchronized void endByRep() {
    endedByRep = true;
  }

  synchronized boolean endedByRep() {
    return endedByRep;
  }

  /** Stores bytes and returns their attachment id. */
  synchronized String attach(Attachment attachment) {
    String attachmentId = "att-" + (attachments.size() + 1);
    attachments.put(attachmentId, attachment);
    return attachmentId;
  }

  synchronized Optional<Attachment> attachment(String attachmentId) {
    return Optional.ofNullable(attachments.get(attachmentId));
  }
}
