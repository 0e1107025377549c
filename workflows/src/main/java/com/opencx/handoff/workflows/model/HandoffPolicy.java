package com.opencx.handoff.workflows.model;

import java.time.Duration;

/**
 * The worker's settings that shape a handoff's timers, read once at the start of each run (so they
 * are in its history and a settings change never alters a run being replayed): how often an idle
 * handoff asks Dynamics whether the rep closed the conversation, and how a parked step retries by
 * itself (SPEC §5.2).
 */
public record HandoffPolicy(
    Duration closedCheckEvery, Duration parkedRetryEvery, Duration parkedGiveUpAfter) {

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
