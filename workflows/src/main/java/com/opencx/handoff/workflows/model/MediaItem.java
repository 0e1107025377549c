package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;

/**
 * One image, audio clip or document the customer sent on WhatsApp, still held by OpenCX. Only the
 * reference travels through Temporal; the bytes are streamed by the media activity so that no
 * payload approaches Temporal's size limits.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "One image, audio clip or document the customer sent, held by OpenCX.")
public record MediaItem(
    @Schema(
            description = "OpenCX's id of the media, by which the worker fetches its bytes.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            maxLength = 256,
            example = "m-1")
        String mediaId,
    @Schema(
            description = "One of the media types WhatsApp Business accepts from customers.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "image/jpeg")
        String mimeType,
    @Schema(description = "Its size as OpenCX knows it.", minimum = "0", example = "48213")
        Long sizeBytes,
    @Schema(
            description = "A bare file name (no line breaks, '/' or '\\'), shown to the rep.",
            maxLength = 255,
            example = "receipt.jpg")
        String fileName,
    @Schema(description = "The customer's caption.", example = "my receipt") String caption) {

  /**
   * The media types WhatsApp Business accepts from customers: the API refuses others at the door,
   * and the worker uploads only these unless configured otherwise.
   */
  public static final Set<String> WHATSAPP_MIME_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/webp",
          "audio/aac",
          "audio/mp4",
          "audio/mpeg",
          "audio/amr",
          "audio/ogg",
          "video/mp4",
          "video/3gpp",
          "application/pdf",
          "text/plain",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation");
}
