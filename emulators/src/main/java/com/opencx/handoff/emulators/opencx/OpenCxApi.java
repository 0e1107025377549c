package com.opencx.handoff.emulators.opencx;

import static com.opencx.handoff.emulators.opencx.Fields.body;
import static com.opencx.handoff.emulators.opencx.Fields.requireMethod;
import static com.opencx.handoff.emulators.opencx.Fields.requiredInstant;
import static com.opencx.handoff.emulators.opencx.Fields.requiredString;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.time.Clock;
import java.time.Instant;
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
 * handoff, handoff-failed and handoff-ended transitions, idempotent audit events, and the rep's
 * side of the conversation (media uploads, templates, agent messages, the latter decided by {@link
 * AgentMessages}). Every method that touches state is synchronized, so concurrent activities see
 * each transition happen once; time comes from the injected clock, so a test can move past the
 * 24-hour window without waiting.
 */
final class OpenCxApi {

  private static final Pattern SESSION = Pattern.compile("/v1/sessions/([^/]+)(/.*)?");
  private static final Pattern MEDIA = Pattern.compile("/media/([^/]+)");

  private final Clock clock;
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final SessionMedia media = new SessionMedia();
  private final Map<String, Map<String, Object>> auditEvents = new LinkedHashMap<>();
  private final List<Map<String, Object>> handoffFailures = new ArrayList<>();
  private final HandoffEndings endings = new HandoffEndings();
  private final AgentMessages agentMessages = new AgentMessages();

  OpenCxApi(Clock clock) {
    this.clock = clock;
  }

  /** Now on the emulator's clock. */
  Instant now() {
    return clock.instant();
  }

  synchronized void addSession(Session session) {
    sessions.put(session.id(), session);
  }

  synchronized void addMedia(String sessionId, String mediaId, String contentType, byte[] bytes) {
    media.put(sessionId, mediaId, contentType, bytes);
  }

  synchronized Optional<Session> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  synchronized void customerWrote(String sessionId, Instant at) {
    Session session = sessions.get(sessionId);
    if (session == null) {
      throw new IllegalArgumentException("unknown session " + sessionId);
    }
    if (session.lastInboundAt() == null || at.isAfter(session.lastInboundAt())) {
      sessions.put(sessionId, session.withLastInboundAt(at));
    }
  }

  synchronized List<Map<String, Object>> auditEvents() {
    return List.copyOf(auditEvents.values());
  }

  synchronized List<Map<String, Object>> handoffFailures() {
    return List.copyOf(handoffFailures);
  }

  synchronized Optional<Map<String, Object>> handoffEnded(String sessionId) {
    return endings.of(sessionId);
  }

  synchronized List<Map<String, Object>> agentMessages(String sessionId) {
    return agentMessages.delivered(sessionId);
  }

  synchronized List<Map<String, Object>> uploadedMedia(String sessionId) {
    return media.uploaded(sessionId);
  }

  synchronized List<Template> templates() {
    return agentMessages.templates();
  }

  synchronized void setTemplates(List<Template> templates) {
    agentMessages.setTemplates(templates);
  }

  Response handle(Request request) {
    try {
      if (request.path().equals("/v1/audit-events")) {
        requireMethod(request, "POST");
        return audit(body(request));
      }
      if (request.path().equals("/v1/templates")) {
        requireMethod(request, "GET");
        return templateList();
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
        return Response.json(200, Views.session(existing(id)));
      } else if (mediaPath.matches()) {
        requireMethod(request, "GET");
        return media(id, mediaPath.group(1));
      } else if (rest.equals("/media")) {
        requireMethod(request, "POST");
        return upload(id, request);
      } else if (rest.equals("/agent-messages")) {
        requireMethod(request, "POST");
        return agentMessage(id, request);
      } else if (rest.equals("/handoff")) {
        requireMethod(request, "POST");
        return handoff(id, body(request));
      } else if (rest.equals("/handoff-failed")) {
        requireMethod(request, "POST");
        return handoffFailed(id, body(request));
      } else if (rest.equals("/handoff-ended")) {
        requireMethod(request, "POST");
        return handoffEnded(id, request);
      }
      throw new ApiError(404, "not_found", "No such endpoint: " + request.path());
    } catch (ApiError e) {
      return e.response();
    }
  }

  private synchronized Response media(String sessionId, String mediaId) {
    existing(sessionId);
    return media.serve(sessionId, mediaId);
  }

  private synchronized Response upload(String sessionId, Request request) {
    existing(sessionId);
    return media.upload(sessionId, request);
  }

  private synchronized Response agentMessage(String sessionId, Request request) {
    Session session = existing(sessionId);
    return agentMessages.deliver(
        session, body(request), mediaId -> media.holds(sessionId, mediaId), clock.instant());
  }

  private synchronized Response templateList() {
    return Response.json(200, Views.templates(agentMessages.templates()));
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
    return Response.json(200, Views.session(updated));
  }

  private synchronized Response handoffFailed(String id, Map<String, Object> body) {
    String reason = requiredString(body, "reason");
    String workflowId = requiredString(body, "workflowId");
    Session session = existing(id);
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("sessionId", id);
    failure.put("reason", reason);
    failure.put("workflowId", workflowId);
    failure.put("receivedAt", clock.instant().toString());
    handoffFailures.add(Collections.unmodifiableMap(failure));
    Session updated = session.withHandoff("ai", session.dynamicsChatId());
    sessions.put(id, updated);
    return Response.json(200, Views.session(updated));
  }

  private synchronized Response handoffEnded(String id, Request request) {
    Session session = endings.end(existing(id), body(request), clock.instant());
    sessions.put(id, session);
    return Response.json(200, Views.session(session));
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
}
