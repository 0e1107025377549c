package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the message activities Omnichannel's custom channel reads (directline.md §4, in the
 * sample's all-lowercase names, not the doc table's {@code channelType} or its {@code
 * "conversationcontext "} with a space), so that routing, context variables and the contact match
 * see exactly the shape Microsoft's sample sends. The first activity of a handoff carries {@code
 * channeltype}, {@code conversationcontext} (the four context variables of SPEC §2, as strings) and
 * {@code customercontext} ({@code email}, {@code phonenumber}); later ones carry only our id.
 * Assumption (directline.md §9: undocumented): Omnichannel reads the context from the activity that
 * starts the conversation, the way the sample's first message starts it. Every activity carries our
 * id under {@link #OUR_ID_KEY} for {@link DirectLinePoster}. A text too long for one activity is
 * split: part 1 keeps {@code ourId}, part n > 1 gets {@code ourId#n}.
 */
public final class ActivityBuilder {

  /** Our id in {@code channelData}; Direct Line keeps channelData unmodified (§3). */
  public static final String OUR_ID_KEY = "opencxMessageId";

  /**
   * Omnichannel's 28 KB (§3) read as 28 × 1000 bytes, the smaller of the two readings (§9), of
   * which {@link #RESERVED_BYTES} are left for what Direct Line and Omnichannel add ("metadata like
   * timestamps and tags": id, timestamp, channelId, conversation, serviceUrl, recipient).
   */
  public static final int MAX_ACTIVITY_BYTES = 28_000;

  static final int RESERVED_BYTES = 2_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * What the first activity tells Omnichannel; null or blank values are left out.
   *
   * @param windowClosesAt sent as ISO-8601 UTC in {@code whatsappWindowClosesAt}
   */
  public record HandoffContext(
      String sessionId,
      String customerName,
      String channel,
      String customerPhone,
      String customerEmail,
      Instant windowClosesAt) {}

  private ActivityBuilder() {}

  /**
   * The stable {@code from.id} of a session's customer: {@code opencx-} and the first 32 hex digits
   * of SHA-256(sessionId). One per session, so each handoff is its own user and conversation in
   * Omnichannel (§4: a user's first message starts a conversation); the same on every retry, which
   * the read-back relies on; and free of whatever characters a session id may hold.
   */
  public static String fromId(String sessionId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return "opencx-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The activities that open a handoff: context on the first, {@code text} split to fit. */
  public static List<ObjectNode> first(HandoffContext context, String ourId, String text) {
    ObjectNode contextual = skeleton(context.sessionId(), context.customerName(), ourId);
    ObjectNode channelData = (ObjectNode) contextual.get("channelData");
    put(channelData, "channeltype", context.channel());
    ObjectNode conversation = channelData.putObject("conversationcontext");
    put(conversation, "sessionId", context.sessionId());
    put(conversation, "channel", context.channel());
    put(conversation, "customerPhone", context.customerPhone());
    put(
        conversation,
        "whatsappWindowClosesAt",
        context.windowClosesAt() == null ? null : context.windowClosesAt().toString());
    ObjectNode customer = channelData.putObject("customercontext");
    put(customer, "email", context.customerEmail());
    put(customer, "phonenumber", context.customerPhone());
    ObjectNode plain = skeleton(context.sessionId(), context.customerName(), ourId);
    return split(contextual, plain, ourId, text);
  }

  /** Later activities of the same handoff (customer messages): our id only, split to fit. */
  public static List<ObjectNode> later(
      String sessionId, String customerName, String ourId, String text) {
    ObjectNode plain = skeleton(sessionId, customerName, ourId);
    return split(plain, plain, ourId, text);
  }

  /**
   * The template of a file upload's activity (directline.md §6): our id, and the file's caption as
   * its text when there is one (a caption is at most 1,024 characters on WhatsApp, so no split).
   */
  public static ObjectNode attachment(String sessionId, String ourId, String caption) {
    ObjectNode activity = withId(skeleton(sessionId, null, ourId), ourId);
    activity.remove("text");
    put(activity, "text", caption);
    return activity;
  }

  /** Our id in an activity's {@code channelData}, null when it has none. */
  public static String ourIdOf(JsonNode activity) {
    return activity.path("channelData").path(OUR_ID_KEY).asText(null);
  }

  /** Serialized size in bytes, as the client will send it. */
  static int size(JsonNode activity) {
    try {
      return MAPPER.writeValueAsBytes(activity).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static List<ObjectNode> split(
      ObjectNode firstPart, ObjectNode restPart, String ourId, String text) {
    int limit = MAX_ACTIVITY_BYTES - RESERVED_BYTES;
    // Sized with the longest id a part can get, so that the budget holds for every part.
    String longestId = ourId + "#999999";
    List<String> parts =
        TextSplitter.split(
            text,
            limit - size(withId(firstPart, longestId)),
            limit - size(withId(restPart, longestId)));
    List<ObjectNode> activities = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      ObjectNode activity =
          withId(i == 0 ? firstPart : restPart, i == 0 ? ourId : ourId + "#" + (i + 1));
      activity.put("text", parts.get(i));
      if (size(activity) > limit) {
        throw new IllegalStateException("an activity part exceeds " + limit + " bytes");
      }
      activities.add(activity);
    }
    return activities;
  }

  /** A copy of {@code activity} with our id as the last {@code channelData} key. */
  private static ObjectNode withId(ObjectNode activity, String id) {
    ObjectNode copy = activity.deepCopy();
    ((ObjectNode) copy.get("channelData")).put(OUR_ID_KEY, id);
    return copy;
  }

  /** {@code {"type":"message","from":{"id","name"},"text":"","channelData":{}}}. */
  private static ObjectNode skeleton(String sessionId, String customerName, String ourId) {
    if (sessionId == null || sessionId.isBlank() || ourId == null || ourId.isBlank()) {
      throw new IllegalArgumentException("a session id and our message id are required");
    }
    ObjectNode activity = MAPPER.createObjectNode();
    activity.put("type", "message");
    ObjectNode from = activity.putObject("from");
    from.put("id", fromId(sessionId));
    put(from, "name", customerName);
    activity.put("text", "");
    activity.putObject("channelData");
    return activity;
  }

  private static void put(ObjectNode node, String name, String value) {
    if (value != null && !value.isBlank()) {
      node.put(name, value);
    }
  }
}
