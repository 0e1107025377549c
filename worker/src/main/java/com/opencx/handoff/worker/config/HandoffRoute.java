package com.opencx.handoff.worker.config;

import java.util.Locale;

/**
 * {@code dynamics.route}: how a handoff reaches Omnichannel (SPEC §10), as an operator writes it.
 * Parsed here rather than by Spring's enum binding so that a wrong value is reported naming the key
 * and the two allowed spellings instead of a Java type name.
 */
enum HandoffRoute {
  /** The direct Web API write of SPEC §3.3 step 2 (the default for now). */
  RECORD("record"),
  /** Omnichannel's custom messaging channel over Direct Line 3.0. */
  DIRECT_LINE("direct-line");

  static final String KEY = "dynamics.route";

  private final String value;

  HandoffRoute(String value) {
    this.value = value;
  }

  /** The spelling the workflow records in its policy ({@code HandoffPolicy.RECORD}, …). */
  String value() {
    return value;
  }

  /** The route for {@code value}; null or blank means {@link #RECORD}. */
  static HandoffRoute of(String value) {
    if (value == null || value.isBlank()) {
      return RECORD;
    }
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (HandoffRoute route : values()) {
      if (route.value.equals(wanted)) {
        return route;
      }
    }
    throw new IllegalArgumentException(
        KEY + " must be record or direct-line, got '" + value.strip() + "'");
  }
}
