package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A customer message OpenCX received after the handoff started. It moves the WhatsApp template
 * window forward (never back) and brings its text and media, which the Direct Line route relays to
 * the rep (SPEC §10); a repeated {@code messageId} is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A customer message OpenCX received after the handoff started.")
public record InboundMessage(
    @Schema(
            description = "OpenCX's id of the message; a repeated one is ignored.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            maxLength = 256,
            example = "wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQUU")
        String messageId,
    @Schema(
            description =
                "When the customer sent it: moves the template window forward (never back)."
                    + " ISO-8601, from 2000-01-01T00:00:00Z to 5 minutes after the API's clock.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "2026-11-24T10:20:00Z")
        Instant receivedAt,
    @Schema(
            description = "The text, relayed to the rep on the Direct Line route.",
            maxLength = 4096,
            example = "Here is the receipt.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String text,
    @ArraySchema(arraySchema = @Schema(description = "Media sent with the message."), maxItems = 20)
        List<MediaItem> media) {

  public InboundMessage {
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** A message with media only (or neither: it still moves the window). */
  public InboundMessage(String messageId, Instant receivedAt, List<MediaItem> media) {
    this(messageId, receivedAt, null, media);
  }
}
