package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the emulated OpenCX does with a rep's reply ({@code POST /v1/sessions/{id}/agent-messages},
 * SPEC §3.2): it enforces what WhatsApp would, so that the relay's handling of each refusal can be
 * tested without Meta. A message is a template call alone, or free-form text and/or attachments;
 * free-form is refused with 422 {@code window_closed} once 24 hours have passed since the
 * customer's last inbound message, while a template is accepted at any time. Delivery is idempotent
 * by {@code messageId} within a session: the first body is kept and a resend answers 200 without
 * being checked again, so that a retry after a lost answer never fails. Not thread-safe by itself:
 * {@link OpenCxApi} calls it under its own lock.
 */
final class AgentMessages {

  /** WhatsApp's customer-service window. */
  static final Duration WINDOW = Duration.ofHours(24);

  private final Map<String, Map<String, Map<String, Object>>> delivered = new LinkedHashMap<>();
  private List<Template> templates = Template.DEFAULTS;

  List<Template> templates() {
    return templates;
  }

  void setTemplates(List<Template> replacement) {
    templates = List.copyOf(replacement);
  }

  /** Delivered messages of the session (bodies as first sent), in order. */
  List<Map<String, Object>> delivered(String sessionId) {
    return List.copyOf(delivered.getOrDefault(sessionId, Map.of()).values());
  }

  /**
   * Answers one agent message for a session that exists.
   *
   * @param holdsMedia whether the session holds a media id (for attachments)
   * @param now the emulator clock's instant
   */
  Response deliver(
      Session session, Map<String, Object> body, Predicate<String> holdsMedia, Instant now) {
    String messageId = Fields.requiredString(body, "messageId");
    Map<String, Map<String, Object>> ofSession =
        delivered.computeIfAbsent(session.id(), id -> new LinkedHashMap<>());
    if (ofSession.containsKey(messageId)) {
      return answer(200, messageId, true);
    }
    Fields.requiredInstant(body, "sentAt");
    Fields.optionalText(body, "agentName");
    String text = Fields.optionalText(body, "text");
    Map<String, Object> template = Fields.optionalObject(body, "template");
    List<?> attachments = Fields.optionalArray(body, "attachments");
    boolean hasAttachments = attachments != null && !attachments.isEmpty();
    if (template != null && (text != null || hasAttachments)) {
      throw ApiError.badField("template", "cannot be combined with 'text' or 'attachments'");
    }
    if (template == null && text == null && !hasAttachments) {
      throw ApiError.badField("text", "is required unless 'template' or 'attachments' is given");
    }
    if (template != null) {
      checkTemplate(template);
    } else {
      checkAttachments(attachments, holdsMedia);
    }
    if (!"handed_off".equals(session.status())) {
      throw new ApiError(
          409,
          "conflict",
          "Session '"
              + session.id()
              + "' is not handed off (status "
              + session.status()
              + "); agent messages need status handed_off");
    }
    if (template == null) {
      checkWindow(session, now);
    }
    ofSession.put(messageId, Collections.unmodifiableMap(new LinkedHashMap<>(body)));
    return answer(201, messageId, false);
  }

  private void checkTemplate(Map<String, Object> call) {
    Object name = call.get("name");
    Object language = call.get("language");
    if (!(name instanceof String) || ((String) name).isBlank()) {
      throw ApiError.badField("template.name", "is required and must be a non-empty string");
    }
    if (!(language instanceof String) || ((String) language).isBlank()) {
      throw ApiError.badField("template.language", "is required and must be a non-empty string");
    }
    List<Template> named = templates.stream().filter(t -> t.name().equals(name)).toList();
    if (named.isEmpty()) {
      throw ApiError.badField("template.name", "must name an approved template, was " + name);
    }
    Template template =
        named.stream()
            .filter(t -> t.language().equals(language))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiError.badField(
                        "template.language",
                        "must be a language template '" + name + "' is approved in"));
    Object parameters = call.get("parameters");
    if (!(parameters instanceof List<?> values)) {
      throw ApiError.badField("template.parameters", "is required and must be a JSON array");
    }
    for (int i = 0; i < values.size(); i++) {
      if (!(values.get(i) instanceof String value) || value.isBlank()) {
        throw ApiError.badField("template.parameters[" + i + "]", "must be a non-empty string");
      }
    }
    if (values.size() != template.parameters()) {
      throw ApiError.badField(
          "template.parameters",
          "must have "
              + template.parameters()
              + " value(s) for template '"
              + name
              + "', had "
              + values.size());
    }
  }

  private static void checkAttachments(List<?> attachments, Predicate<String> holdsMedia) {
    if (attachments == null) {
      return;
    }
    for (int i = 0; i < attachments.size(); i++) {
      String field = "attachments[" + i + "].mediaId";
      if (!(attachments.get(i) instanceof Map<?, ?> attachment)
          || !(attachment.get("mediaId") instanceof String mediaId)
          || mediaId.isBlank()) {
        throw ApiError.badField(field, "is required and must be a non-empty string");
      }
      if (!holdsMedia.test(mediaId)) {
        throw ApiError.badField(
            field, "must be media the session holds (POST …/media first), was " + mediaId);
      }
    }
  }

  private static void checkWindow(Session session, Instant now) {
    Instant closedAt =
        session.lastInboundAt() == null ? null : session.lastInboundAt().plus(WINDOW);
    if (closedAt == null || !now.isBefore(closedAt)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "window_closed");
      if (closedAt != null) {
        body.put("closedAt", closedAt.toString());
      }
      throw ApiError.withBody(422, "window closed", body);
    }
  }

  private static Response answer(int status, String messageId, boolean duplicate) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messageId", messageId);
    answer.put("duplicate", duplicate);
    return Response.json(status, answer);
  }
}
