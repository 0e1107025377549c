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
 * it; how long one step may retry before it parks, how long a silent customer keeps a handoff open,
 * and how many media items move at a time. The last three were constants before they were settings:
 * a policy recorded before them lacks them (null, or 0 for the count) and gets the constants'
 * values, so its run replays unchanged. A setting with the constant's value as default changes no
 * command, so none of them needs a {@code Workflow.getVersion}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffPolicy(
    Duration closedCheckEvery,
    Duration parkedRetryEvery,
    Duration parkedGiveUpAfter,
    String route,
    Duration routingTimeout,
    Duration templateWindow,
    Duration stepBudget,
    Duration silenceEndsAfter,
    int mediaParallelism) {

  /** WhatsApp's customer service window (SPEC §4.3). */
  public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

  /** How long one step may retry before the handoff parks in NeedsAttention (SPEC §5.2). */
  public static final Duration STEP_BUDGET = Duration.ofMinutes(10);

  /** How long without an inbound message ends a handoff. */
  public static final Duration SILENCE_ENDS_AFTER = Duration.ofDays(30);

  /** How many media items a handoff moves at a time. */
  public static final int MEDIA_PARALLELISM = 4;

  /** A policy recorded before a value was a setting gets the constant it replaced. */
  public HandoffPolicy {
    templateWindow = orDefault(templateWindow, WHATSAPP_WINDOW);
    stepBudget = orDefault(stepBudget, STEP_BUDGET);
    silenceEndsAfter = orDefault(silenceEndsAfter, SILENCE_ENDS_AFTER);
    mediaParallelism = mediaParallelism <= 0 ? MEDIA_PARALLELISM : mediaParallelism;
  }

  /** A policy recorded before the step budget, silence and media parallelism were settings. */
  public HandoffPolicy(
      Duration closedCheckEvery,
      Duration parkedRetryEvery,
      Duration parkedGiveUpAfter,
      String route,
      Duration routingTimeout,
      Duration templateWindow) {
    this(
        closedCheckEvery,
        parkedRetryEvery,
        parkedGiveUpAfter,
        route,
        routingTimeout,
        templateWindow,
        null,
        null,
        0);
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null || value.isZero() || value.isNegative() ? fallback : value;
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
