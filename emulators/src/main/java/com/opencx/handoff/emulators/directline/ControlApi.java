package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rep's console over HTTP, for the dev stack and manual trials where no Java test drives the
 * emulator: {@code Authorization: Bearer <control key>} and
 *
 * <ul>
 *   <li>{@code GET /emulator/directline/conversations}: {@code {conversations:[…]}}, the rep's
 *       inbox, newest activity first ({@link InboxListing})
 *   <li>{@code GET /emulator/directline/conversations/{id}}: {@code {conversationId, workItemId,
 *       activities}}
 *   <li>{@code GET …/{id}/attachments/{attachmentId}}: a file's bytes (the same file an activity's
 *       {@code contentUrl} serves to the channel's secret), so the inbox page can open it
 *   <li>{@code POST …/{id}/reply} {@code {"text":"…"}}
 *   <li>{@code POST …/{id}/attachment} {@code {"name","contentType","contentBase64"[,"text"]}}
 *   <li>{@code POST …/{id}/end} (no body)
 * </ul>
 *
 * Each POST answers 200 {@code {"id":"<activity id>"}}; an unknown conversation or file 404.
 */
final class ControlApi {

  static final String LIST = Credentials.CONTROL_PREFIX + "directline/conversations";
  static final String PREFIX = LIST + "/";

  private final DirectLineEmulator emulator;

  ControlApi(DirectLineEmulator emulator) {
    this.emulator = emulator;
  }

  Response handle(Request request) {
    if ("GET".equals(request.method()) && LIST.equals(request.path())) {
      return Response.json(200, Map.of("conversations", emulator.inbox()));
    }
    if (!request.path().startsWith(PREFIX)) {
      return Response.error(404, "NotFound", "No route for " + request.path());
    }
    String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
    String id = parts[0];
    if (!emulator.hasConversation(id)) {
      return Response.error(404, "NotFound", "Unknown conversation " + id);
    }
    String action = parts.length == 2 ? parts[1] : parts.length == 1 ? "" : null;
    if ("GET".equals(request.method()) && "".equals(action)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("conversationId", id);
      body.put("workItemId", emulator.workItemId(id).orElse(null));
      body.put("activities", emulator.activities(id));
      return Response.json(200, body);
    }
    if ("GET".equals(request.method()) && parts.length == 3 && "attachments".equals(parts[1])) {
      return emulator
          .attachment(id, parts[2])
          .map(a -> Response.bytes(200, a.contentType(), a.bytes()))
          .orElseGet(() -> Response.error(404, "NotFound", "Unknown attachment " + parts[2]));
    }
    if (!"POST".equals(request.method()) || action == null) {
      return Response.error(
          404, "NotFound", "No route for " + request.method() + " " + request.path());
    }
    Map<String, Object> body =
        request.body().length == 0 ? Map.of() : Json.readObject(request.body());
    String activityId;
    switch (action) {
      case "reply":
        activityId = emulator.repReply(id, required(body, "text"));
        break;
      case "attachment":
        activityId =
            emulator.repSendAttachment(
                id,
                required(body, "name"),
                required(body, "contentType"),
                Base64.getDecoder().decode(required(body, "contentBase64")),
                body.get("text") instanceof String t ? t : null);
        break;
      case "end":
        activityId = emulator.repEnd(id);
        break;
      default:
        return Response.error(404, "NotFound", "Unknown action '" + action + "'");
    }
    return Response.json(200, Map.of("id", activityId));
  }

  private static String required(Map<String, Object> body, String name) {
    if (!(body.get(name) instanceof String value)) {
      throw new IllegalArgumentException("'" + name + "' (a string) is required");
    }
    return value;
  }
}
