package com.opencx.handoff.activities.opencx;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rep's reply as OpenCX delivers it to the customer's WhatsApp ({@code POST
 * /v1/sessions/{id}/agent-messages}, SPEC §3.2): free-form {@code text} and/or attachments (files
 * first uploaded with {@link OpenCxClient#uploadAgentMedia}), or one approved {@code template}, the
 * only kind WhatsApp accepts once the 24-hour window has closed. {@code messageId} makes delivery
 * idempotent, so it must be deterministic for the reply (never random). {@link #toString()} hides
 * the text and the rep's name, so that logging a message never leaks what was said or by whom.
 *
 * @param messageId our id of this reply; a resend with the same id is delivered once
 * @param sentAt when the rep sent it
 * @param agentName the rep's display name, or null
 * @param text free-form text, or null
 * @param template the template to send instead of free-form content, or null
 * @param attachmentMediaIds OpenCX media ids to attach, or null/empty for none
 */
public record AgentMessage(
    String messageId,
    Instant sentAt,
    String agentName,
    String text,
    TemplateCall template,
    List<String> attachmentMediaIds) {

  /** The request body, with every absent field left out. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfPresent(body, "messageId", messageId);
    putIfPresent(body, "sentAt", sentAt == null ? null : sentAt.toString());
    putIfPresent(body, "agentName", agentName);
    putIfPresent(body, "text", text);
    if (template != null) {
      Map<String, Object> call = new LinkedHashMap<>();
      putIfPresent(call, "name", template.name());
      putIfPresent(call, "language", template.language());
      call.put("parameters", template.parameters() == null ? List.of() : template.parameters());
      body.put("template", call);
    }
    if (attachmentMediaIds != null && !attachmentMediaIds.isEmpty()) {
      body.put(
          "attachments", attachmentMediaIds.stream().map(id -> Map.of("mediaId", id)).toList());
    }
    return body;
  }

  @Override
  public String toString() {
    return "AgentMessage[messageId="
        + messageId
        + ", sentAt="
        + sentAt
        + ", agentName="
        + (agentName == null ? "null" : "****")
        + ", text="
        + (text == null ? "null" : "(" + text.length() + " chars)")
        + ", template="
        + template
        + ", attachmentMediaIds="
        + attachmentMediaIds
        + "]";
  }

  private static void putIfPresent(Map<String, Object> body, String field, Object value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
