package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Response;
import java.util.Map;

/**
 * The shape Direct Line requires of a posted activity ({@code type}, and {@code from.id} chosen by
 * the client), checked before anything is stored so that a client bug surfaces as a 400 naming the
 * missing property instead of as an activity Omnichannel silently cannot use.
 */
final class ActivityRules {

  private ActivityRules() {}

  /** {@code null} when acceptable, else the 400 to answer. */
  static Response check(Map<String, Object> activity) {
    if (!(activity.get("type") instanceof String type) || type.isBlank()) {
      return missing("type");
    }
    if (!(activity.get("from") instanceof Map<?, ?> from)
        || !(from.get("id") instanceof String id)
        || id.isBlank()) {
      return missing("from.id");
    }
    return null;
  }

  private static Response missing(String property) {
    return Response.error(
        400, "MissingProperty", "Invalid or missing activity property '" + property + "'");
  }
}
