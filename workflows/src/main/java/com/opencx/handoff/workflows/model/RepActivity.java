package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What the rep sent on the Direct Line conversation, as the reply relay read it: a {@code message}
 * (text and/or attachments) or the {@code endOfConversation} that ends the chat. {@code id} is
 * Direct Line's activity id: the handoff ignores an id it has seen (the relay may deliver one twice
 * after a restart), and OpenCX receives the message under it, so a repeat is a no-op there too. The
 * text is the customer's conversation: it travels only in encrypted payloads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepActivity(
    String id,
    String type,
    String agentName,
    String text,
    List<Attachment> attachments,
    Instant sentAt) {

  public static final String MESSAGE = "message";
  public static final String END_OF_CONVERSATION = "endOfConversation";

  public RepActivity {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A file the rep sent, where Direct Line serves it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Attachment(String name, String contentType, String contentUrl) {}

  public boolean ends() {
    return END_OF_CONVERSATION.equals(type);
  }
}
