package com.opencx.handoff.activities.media;

import com.opencx.handoff.workflows.model.MediaItem;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which customer media may be copied onto the conversation: a size limit (16 MB by default, the
 * WhatsApp maximum for most types), optional stricter or looser limits per MIME prefix such as
 * {@code image/}, and the MIME types WhatsApp delivers. A file outside these is not uploaded; the
 * rep gets a note saying why instead. Checked at start-up, messages naming the configuration key.
 *
 * @param maxBytes default limit on the raw file size
 * @param maxBytesByMimePrefix limits by MIME prefix ({@code image/}, {@code video/mp4}); the
 *     longest matching prefix wins
 * @param allowedMimeTypes the MIME types that may be uploaded; null means WhatsApp's set
 */
public record MediaSettings(
    long maxBytes, Map<String, Long> maxBytesByMimePrefix, Set<String> allowedMimeTypes) {

  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /** The media types WhatsApp Business accepts from customers (the default allow-list). */
  public static final Set<String> WHATSAPP_MIME_TYPES = MediaItem.WHATSAPP_MIME_TYPES;

  public MediaSettings {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("media.max-bytes must be positive, got " + maxBytes);
    }
    Map<String, Long> limits = new TreeMap<>();
    if (maxBytesByMimePrefix != null) {
      maxBytesByMimePrefix.forEach(
          (prefix, limit) -> {
            if (prefix == null || prefix.isBlank() || limit == null || limit <= 0) {
              throw new IllegalArgumentException(
                  "media.max-bytes-by-type needs a MIME prefix and a positive size, got "
                      + prefix
                      + "="
                      + limit);
            }
            limits.put(prefix.strip().toLowerCase(Locale.ROOT), limit);
          });
    }
    maxBytesByMimePrefix = Map.copyOf(limits);
    allowedMimeTypes =
        allowedMimeTypes == null || allowedMimeTypes.isEmpty()
            ? WHATSAPP_MIME_TYPES
            : allowedMimeTypes.stream()
                .map(type -> type.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
  }

  /** 16 MB for every WhatsApp type. */
  public static MediaSettings defaults() {
    return new MediaSettings(DEFAULT_MAX_BYTES, Map.of(), null);
  }

  /** The limit for {@code mimeType}: the longest matching prefix's, else {@link #maxBytes}. */
  long limitFor(String mimeType) {
    String best = null;
    for (String prefix : maxBytesByMimePrefix.keySet()) {
      if (mimeType.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? maxBytes : maxBytesByMimePrefix.get(best);
  }

  boolean allows(String mimeType) {
    return allowedMimeTypes.contains(mimeType);
  }
}
