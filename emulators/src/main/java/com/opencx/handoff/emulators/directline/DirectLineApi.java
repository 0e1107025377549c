package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The Direct Line 3.0 REST routes the custom channel uses (start, reconnect, send, receive), as
 * strict as {@code reference/directline.md} makes the real service and Omnichannel's 28 KB limit:
 * an activity needs {@code type} and {@code from.id}, nothing is deduplicated, and every client
 * activity is handed to the Omnichannel simulation after it is stored. The size limit is measured
 * on the activity as stored (compact JSON, after the service adds {@code id}, {@code timestamp},
 * {@code channelId} and {@code conversation}) against 28 × 1024 bytes; beyond it the answer is 413
 * {@code MessageSizeTooBig} and nothing is stored.
 */
final class DirectLineApi {

  static final int MAX_ACTIVITY_BYTES = 28 * 1024;
  static final String PREFIX = "/v3/directline/conversations";
  static final String GENERATE_TOKEN = "/v3/directline/tokens/generate";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
  private final Map<String, Conversation> byToken = new ConcurrentHashMap<>();
  private final Credentials credentials;
  private final Supplier<String> streamBase;
  private final IntSupplier pageSize;
  private final BiConsumer<Conversation, Map<String, Object>> onClientActivity;
  private final Uploads uploads;

  DirectLineApi(
      List<Channel> channels,
      String controlKey,
      Supplier<String> httpBase,
      Supplier<String> streamBase,
      IntSupplier pageSize,
      BiConsumer<Conversation, Map<String, Object>> onClientActivity) {
    this.credentials =
        new Credentials(channels, controlKey, t -> Optional.ofNullable(byToken.get(t)));
    this.streamBase = streamBase;
    this.pageSize = pageSize;
    this.onClientActivity = onClientActivity;
    this.uploads = new Uploads(onClientActivity, httpBase);
  }

  Credentials credentials() {
    return credentials;
  }

  Optional<Conversation> conversation(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  java.util.Set<String> conversationIds() {
    return java.util.Set.copyOf(byId.keySet());
  }

  Conversation start(Channel channel) {
    Conversation conversation = new Conversation(random(22), random(43), channel);
    byId.put(conversation.id, conversation);
    byToken.put(conversation.token, conversation);
    return conversation;
  }

  /** Answers one admitted request; a malformed query or body is a 400, never a 500. */
  Response handle(Request request, ControlApi control) {
    try {
      return route(request, control);
    } catch (IllegalArgumentException e) {
      return Response.error(400, "BadArgument", e.getMessage());
    }
  }

  private Response route(Request request, ControlApi control) {
    if (request.path().startsWith(Credentials.CONTROL_PREFIX)) {
      return control.handle(request);
    }
    Credentials.Caller caller = credentials.caller(request.headers()).orElseThrow();
    if (request.path().startsWith("/attachments/")) {
      return uploads.download(request, caller, this::conversation);
    }
    if (request.path().equals(GENERATE_TOKEN)) {
      return "POST".equals(request.method()) ? generateToken(request, caller) : notAllowed();
    }
    String[] parts = request.path().split("/", -1); // "", v3, directline, conversations, id, x
    if (!request.path().startsWith(PREFIX) || parts.length > 6) {
      return notFound(request);
    }
    if (parts.length == 4) {
      return "POST".equals(request.method()) ? startRoute(request, caller) : notAllowed();
    }
    Conversation conversation = byId.get(parts[4]);
    if (conversation == null || !caller.mayUse(conversation)) {
      if (conversation != null && caller.conversation() != null) {
        return Response.error(403, "BadArgument", "The token is not valid for this conversation");
      }
      return Response.error(404, "BadArgument", "Unknown conversation");
    }
    String tail = parts.length == 6 ? parts[5] : "";
    switch (request.method() + " " + tail) {
      case "GET ":
        return reconnect(request, conversation);
      case "POST activities":
        return post(request, conversation);
      case "GET activities":
        return list(request, conversation);
      case "POST upload":
        return uploads.upload(request, conversation);
      default:
        return tail.equals("activities") || tail.equals("upload") || tail.isEmpty()
            ? notAllowed()
            : notFound(request);
    }
  }

  private Response startRoute(Request request, Credentials.Caller caller) {
    if (request.body().length > 0) {
      Json.readObject(request.body()); // TokenParameters: must be an object; its fields unused
    }
    Conversation own = caller.conversation();
    if (own != null) {
      // A generated token starts its conversation once (201); after that it is "already used".
      boolean first = byId.putIfAbsent(own.id, own) == null;
      return Response.json(first ? 201 : 200, started(own, null));
    }
    return Response.json(201, started(start(caller.channel()), null));
  }

  /**
   * {@code POST tokens/generate} (directline.md §1): a secret gets a token for a conversation id
   * that is reserved, not started, so it is known by its token only until a start with it. A token
   * cannot generate another (403, as for any credential Direct Line does not take here).
   */
  private Response generateToken(Request request, Credentials.Caller caller) {
    if (caller.channel() == null) {
      return Response.error(403, "BadArgument", "Generating a token needs the channel's secret");
    }
    if (request.body().length > 0) {
      Json.readObject(request.body()); // TokenParameters: must be an object; its fields unused
    }
    Conversation reserved = new Conversation(random(22), random(43), caller.channel());
    byToken.put(reserved.token, reserved);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversationId", reserved.id);
    body.put("token", reserved.token);
    body.put("expires_in", 1800);
    return Response.json(200, body);
  }

  private Response reconnect(Request request, Conversation conversation) {
    String watermark = request.queryParameters().get("watermark");
    Map<String, Object> body = started(conversation, watermark == null ? "-" : watermark);
    body.remove("expires_in");
    return Response.json(200, body);
  }

  private Map<String, Object> started(Conversation conversation, String watermark) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversationId", conversation.id);
    body.put("token", conversation.token);
    body.put("expires_in", 1800);
    body.put(
        "streamUrl",
        streamBase.get()
            + PREFIX
            + "/"
            + conversation.id
            + "/stream?"
            + (watermark == null ? "" : "watermark=" + watermark + "&")
            + "t="
            + conversation.token);
    return body;
  }

  private Response post(Request request, Conversation conversation) {
    String contentType = request.header("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      return Response.error(400, "BadArgument", "Content-Type must be application/json");
    }
    Map<String, Object> activity;
    try {
      activity = Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      return Response.error(400, "BadArgument", e.getMessage());
    }
    Response invalid = ActivityRules.check(activity);
    if (invalid != null) {
      return invalid;
    }
    int size = Json.write(conversation.preview(activity)).length;
    if (size > MAX_ACTIVITY_BYTES) {
      return Response.error(
          413,
          "MessageSizeTooBig",
          "The activity is "
              + size
              + " bytes as stored; Omnichannel accepts at most "
              + MAX_ACTIVITY_BYTES);
    }
    Map<String, Object> stored = conversation.append(activity);
    onClientActivity.accept(conversation, stored);
    return Response.json(200, Map.of("id", stored.get("id")));
  }

  private Response list(Request request, Conversation conversation) {
    String watermark = request.queryParameters().get("watermark");
    int from;
    try {
      from = watermark == null || watermark.isEmpty() ? 0 : Integer.parseInt(watermark);
    } catch (NumberFormatException e) {
      return Response.error(400, "BadArgument", "Invalid watermark '" + watermark + "'");
    }
    List<Map<String, Object>> page = conversation.after(from, pageSize.getAsInt());
    String next =
        page.isEmpty()
            ? Integer.toString(Math.max(from, 0))
            : Integer.toString(Conversation.sequence(page.get(page.size() - 1)));
    return Response.json(200, Map.of("activities", page, "watermark", next));
  }

  private static Response notFound(Request request) {
    return Response.error(404, "BadArgument", "No route for " + request.path());
  }

  private static Response notAllowed() {
    return Response.error(405, "BadArgument", "Method not allowed");
  }

  private static String random(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
