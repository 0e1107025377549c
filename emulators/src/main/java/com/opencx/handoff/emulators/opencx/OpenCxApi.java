package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state and endpoints of the emulated OpenCX API (SPEC §3.2): sessions and their media, the
 * handoff and handoff-failed transitions, and idempotent audit events. Every method that touches
 * state is synchronized, so concurrent activities see each transition happen once.
 */
final class OpenCxApi {

  private static final Pattern SESSION = Pattern.compile("/v1/sessions/([^/]+)(/.*)?");
  private static final Pattern MEDIA = Pattern.compile("/media/([^/]+)");

  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Map<String, Media> media = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> auditEvents = new LinkedHashMap<>();
  private final List<Map<String, Object>> handoffFailures = new ArrayList<>();

  private record Media(String contentType, byte[] bytes) {}

  synchronized void addSession(Session session) {
    sessions.put(session.id(), session);
  }

  synchronized void addMedia(String sessionId, String mediaId, String contentType, byte[] bytes) {
    media.put(sessionId + "/" + mediaId, new Media(contentType, bytes.clone()));
  }

  synchronized Optional<Session> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  synchronized List<Map<String, Object>> auditEvents() {
    return List.copyOf(auditEvents.values());
  }

  synchronized List<Map<String, Object>> handoffFailures() {
    return List.copyOf(handoffFailures);
  }

  Response handle(Request request) {
    try {
      if (request.path().equals("/v1/audit-events")) {
        requireMethod(request, "POST");
        return audit(body(request));
      }
      Matcher m = SESSION.matcher(request.path());
      if (!m.matches()) {
        throw new ApiError(404, "not_found", "No such endpoint: " + request.path());
      }
      String id = m.group(1);
      String rest = m.group(2) == null ? "" : m.group(2);
      Matcher mediaPath = MEDIA.matcher(rest);
      if (rest.isEmpty()) {
        requireMethod(request, "GET");
        return Response.json(200, view(existing(id)));
      } else if (mediaPath.matches()) {
        requireMethod(request, "GET");
        return media(id, mediaPath.group(1));
      } else if (rest.equals("/handoff")) {
        requireMethod(request, "POST");
        return handoff(id, body(request));
      } else if (rest.equals("/handoff-failed")) {
        requireMethod(request, "POST");
        return handoffFailed(id, body(request));
      }
      throw new ApiError(404, "not_found", "No such endpoint: " + request.path());
    } catch (ApiError e) {
      return Response.error(e.status, e.code, e.getMessage());
    }
  }

  private synchronized Response media(String sessionId, String mediaId) {
    existing(sessionId);
    Media item = media.get(sessionId + "/" + mediaId);
    if (item == null) {
      throw new ApiError(
          404, "not_found", "No media '" + mediaId + "' in session '" + sessionId + "'");
    }
    return Response.bytes(200, item.contentType(), item.bytes());
  }

  private synchronized Response handoff(String id, Map<String, Object> body) {
    String chatId = requiredString(body, "dynamics365_chat_id");
    requiredString(body, "workflowId");
    requiredInstant(body, "handedOffAt");
    Session session = existing(id);
    if (session.dynamicsChatId() != null && !session.dynamicsChatId().equalsIgnoreCase(chatId)) {
      throw new ApiError(
          409,
          "conflict",
          "Session '"
              + id
              + "' is already handed off to dynamics365_chat_id "
              + session.dynamicsChatId());
    }
    Session updated = session.withHandoff("handed_off", chatId);
    sessions.put(id, updated);
    return Response.json(200, view(updated));
  }

  private synchronized Response handoffFailed(String id, Map<String, Object> body) {
    String reason = requiredString(body, "reason");
    String workflowId = requiredString(body, "workflowId");
    Session session = existing(id);
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("sessionId", id);
    failure.put("reason", reason);
    failure.put("workflowId", workflowId);
    failure.put("receivedAt", Instant.now().toString());
    handoffFailures.add(Collections.unmodifiableMap(failure));
    Session updated = session.withHandoff("ai", session.dynamicsChatId());
    sessions.put(id, updated);
    return Response.json(200, view(updated));
  }

  private synchronized Response audit(Map<String, Object> body) {
    String eventId = requiredString(body, "eventId");
    for (String field : List.of("sessionId", "workflowId", "type")) {
      requiredString(body, field);
    }
    requiredInstant(body, "at");
    if (body.get("details") != null && !(body.get("details") instanceof Map)) {
      throw new ApiError(400, "bad_request", "Field 'details' must be a JSON object");
    }
    boolean duplicate = auditEvents.containsKey(eventId);
    if (!duplicate) {
      auditEvents.put(eventId, Collections.unmodifiableMap(new LinkedHashMap<>(body)));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("eventId", eventId);
    answer.put("duplicate", duplicate);
    return Response.json(duplicate ? 200 : 201, answer);
  }

  private Session existing(String id) {
    Session session = sessions.get(id);
    if (session == null) {
      throw new ApiError(404, "not_found", "Unknown session '" + id + "'");
    }
    return session;
  }

  private static Map<String, Object> view(Session s) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", s.customerName());
    customer.put("email", s.email());
    customer.put("phone", s.phone());
    Map<String, Object> meta = new LinkedHashMap<>();
    if (s.dynamicsChatId() != null) {
      meta.put("dynamics365_chat_id", s.dynamicsChatId());
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    view.put("channel", s.channel());
    view.put("status", s.status());
    view.put("customer", customer);
    view.put("summary", s.summary());
    view.put("lastInboundAt", s.lastInboundAt() == null ? null : s.lastInboundAt().toString());
    view.put("meta", meta);
    return view;
  }

  private static Map<String, Object> body(Request request) {
    try {
      return Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "bad_request", e.getMessage());
    }
  }

  private static String requiredString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw new ApiError(
          400,
          "bad_request",
          "Field '" + field + "' is required and must be a non-empty string, was " + value);
    }
    return (String) value;
  }

  private static Instant requiredInstant(Map<String, Object> body, String field) {
    String value = requiredString(body, field);
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
    } catch (DateTimeParseException e) {
      throw new ApiError(
          400, "bad_request", "Field '" + field + "' must be an ISO-8601 timestamp, was " + value);
    }
  }

  private static void requireMethod(Request request, String method) {
    if (!request.method().equals(method)) {
      throw new ApiError(
          405, "method_not_allowed", request.path() + " accepts " + method + " only");
    }
  }

  /** A refusal with its status and code. */
  private static final class ApiError extends RuntimeException {
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }
}
