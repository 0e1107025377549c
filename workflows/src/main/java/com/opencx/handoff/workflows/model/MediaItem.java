package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Set;

/**
 * One image, audio clip or document the customer sent on WhatsApp, still held by OpenCX. Only the
 * reference travels through Temporal; the bytes are streamed by the media activity so that no
 * payload approaches Temporal's size limits.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaItem(
    String mediaId, String mimeType, Long sizeBytes, String fileName, String caption) {

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
