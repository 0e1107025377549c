package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * The worker's settings that shape a handoff's timers, read once at the start of each run (so they
 * are in its history and a settings change never alters a run being replayed): how often an idle
 * handoff asks Dynamics whether the rep closed the conversation, and how a parked step retries by
 * itself (SPEC §5.2); the route into Omnichannel (SPEC §10), with how long the Direct Line route
 * waits for Omnichannel's routing to create the conversation record; and the length of the WhatsApp
 * template window (24 h; shorter only to rehearse its closing), null in policies recorded before
 * it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffPolicy(
    Duration closedCheckEvery,
    Duration parkedRetryEvery,
    Duration parkedGiveUpAfter,
    String route,
    Duration routingTimeout,
    Duration templateWindow) {

  /** WhatsApp's customer service window (SPEC §4.3). */
  public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

  /** A policy recorded before the window was a setting has 24 h. */
  public HandoffPolicy {
    templateWindow = templateWindow == null ? WHATSAPP_WINDOW : templateWindow;
  }

  /** A policy recorded before the window was a setting: 24 h. */
  public HandoffPolicy(
      Duration closedCheckEvery,
      Duration parkedRetryEvery,
      Duration parkedGiveUpAfter,
      String route,
      Duration routingTimeout) {
    this(closedCheckEvery, parkedRetryEvery, parkedGiveUpAfter, route, routingTimeout, null);
  }

  /** The window's length, 24 h unless the worker shortened it. */
  public Duration window() {
    return templateWindow;
  }

  /** {@code dynamics.route}: the conversation record written directly (SPEC §10). */
  public static final String RECORD = "record";

  /** {@code dynamics.route}: Omnichannel's custom messaging channel over Direct Line 3.0. */
  public static final String DIRECT_LINE = "direct-line";

  /** The record route's policy, for settings that predate the route (it was the only one). */
  public HandoffPolicy(
      Duration closedCheckEvery, Duration parkedRetryEvery, Duration parkedGiveUpAfter) {
    this(closedCheckEvery, parkedRetryEvery, parkedGiveUpAfter, RECORD, Duration.ofMinutes(5));
  }

  /** True on the Direct Line route; a policy recorded before routes existed is the record one. */
  public boolean directLine() {
    return DIRECT_LINE.equals(route);
  }

  /**
   * The worker's defaults: an idle handoff asks Dynamics once a day (and when its window closes), a
   * parked step retries every 30 minutes for a day.
   */
  public static final HandoffPolicy DEFAULTS =
      new HandoffPolicy(Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofHours(24));

  /** The values runs recorded before the policy was read used, kept so they replay unchanged. */
  public static final HandoffPolicy BEFORE_SETTINGS =
      new HandoffPolicy(Duration.ofHours(6), Duration.ofMinutes(30), Duration.ofHours(24));
}
