package com.opencx.handoff.worker.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import com.opencx.handoff.activities.media.MediaSettings;
import java.util.Map;

/**
 * Check 5: the organization's {@code maxuploadfilesize} (measured on the Base64 text, dataverse.md)
 * against the largest file this service is configured to upload ({@code media.max-bytes} or a
 * larger {@code media.max-bytes-by-type}). Below it is a warning, not a failure: the media step
 * turns a file Dynamics would refuse into a note naming it, so handoffs still work, but the rep
 * does not get the file itself.
 */
final class UploadLimitCheck {

  static final String CHECK = "maxuploadfilesize";

  private final DataverseClient client;
  private final MediaSettings media;

  UploadLimitCheck(DataverseClient client, MediaSettings media) {
    this.client = client;
    this.media = media;
  }

  CheckResult check() {
    long limit;
    try {
      JsonNode value =
          client
              .get("organizations", Map.of("$select", "maxuploadfilesize"))
              .path("value")
              .path(0)
              .path("maxuploadfilesize");
      if (!value.canConvertToLong()) {
        return CheckResult.warn(
            CHECK, "the organization has no maxuploadfilesize", "read it in the environment");
      }
      limit = value.asLong();
    } catch (DataverseException e) {
      return CheckResult.fail(
          CHECK,
          "could not read organizations?$select=maxuploadfilesize (" + e.getMessage() + ")",
          "give the application user's security role Read on Organization (prvReadOrganization)");
    }
    long largest = largestConfigured();
    long encoded = base64Length(largest);
    String values =
        String.format(
            "%,d bytes of Base64, files up to %,d bytes; media.max-bytes allows up to %,d bytes"
                + " (%,d encoded)",
            limit, limit / 4 * 3, largest, encoded);
    if (encoded <= limit) {
      return CheckResult.pass(CHECK, values);
    }
    return CheckResult.warn(
        CHECK,
        values + ": larger files become notes naming the file instead of attachments",
        String.format(
            "raise the environment's maximum attachment size to at least %,d bytes (Power Platform"
                + " admin center > Environments > the environment > Settings > Email > Email"
                + " settings > Attachments, in KB), or lower media.max-bytes to %,d bytes",
            encoded, limit / 4 * 3));
  }

  private long largestConfigured() {
    long largest = media.maxBytes();
    for (long limit : media.maxBytesByMimePrefix().values()) {
      largest = Math.max(largest, limit);
    }
    return largest;
  }

  static long base64Length(long bytes) {
    return (bytes + 2) / 3 * 4;
  }
}
