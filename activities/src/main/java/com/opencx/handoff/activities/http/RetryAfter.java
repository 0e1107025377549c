package com.opencx.handoff.activities.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An HTTP {@code Retry-After} header read the one way the Dataverse and Direct Line clients need
 * it: seconds or an HTTP-date, as the delay before the activity's next attempt (SPEC §5.1).
 */
public final class RetryAfter {

  private RetryAfter() {}

  /** The delay it asks for; null when absent, unreadable or already past. */
  public static Duration parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() || wait.isZero() ? null : wait.withNanos(0).plusSeconds(1);
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }
}
