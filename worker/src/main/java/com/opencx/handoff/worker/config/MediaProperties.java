package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.media.MediaSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code media.*}: which customer media is uploaded to Dynamics and how large it may be. Larger or
 * refused files are not uploaded; the rep gets a note naming the file and why.
 */
@Validated
@ConfigurationProperties(prefix = "media", ignoreUnknownFields = false)
public record MediaProperties(
    @DefaultValue("16MB") @PositiveSize DataSize maxBytes,
    Map<@NotBlank String, @PositiveSize DataSize> maxBytesByType,
    Set<@NotBlank(message = "must name a MIME type such as image/jpeg") String> allowedTypes) {

  /**
   * Spring drops a '/' from an unbracketed map key ({@code video/mp4} binds as {@code videomp4}),
   * which would leave the limit silently unused: every prefix must start some uploadable type.
   */
  @AssertTrue(
      message =
          "media.max-bytes-by-type has a key that no allowed media type starts with; write keys"
              + " containing '/' in brackets, e.g. media.max-bytes-by-type.[video/mp4]=8MB")
  boolean isEveryTypeLimitUsed() {
    if (maxBytesByType == null) {
      return true;
    }
    Set<String> allowed =
        allowedTypes == null || allowedTypes.isEmpty()
            ? MediaSettings.WHATSAPP_MIME_TYPES
            : allowedTypes;
    return maxBytesByType.keySet().stream()
        .filter(prefix -> prefix != null && !prefix.isBlank())
        .map(prefix -> prefix.strip().toLowerCase(Locale.ROOT))
        .allMatch(
            prefix ->
                allowed.stream()
                    .anyMatch(type -> type.strip().toLowerCase(Locale.ROOT).startsWith(prefix)));
  }
}
