package com.opencx.handoff.workflows.model;

/**
 * One image, audio clip or document the customer sent on WhatsApp, still held by OpenCX. Only the
 * reference travels through Temporal; the bytes are streamed by the media activity so that no
 * payload approaches Temporal's size limits.
 */
public record MediaItem(
    String mediaId, String mimeType, Long sizeBytes, String fileName, String caption) {}
