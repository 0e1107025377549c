package com.opencx.handoff.activities.replies;

import java.time.Duration;
import java.util.Objects;

/**
 * How the reply relay reads the rep's side, each setting documented once here and validated by the
 * worker at start-up.
 *
 * @param botHandle the {@code from.id} of the rep's side ({@code directline.bot-handle}): only its
 *     activities are relayed, so the customer's own messages echoed by Direct Line never go back
 * @param hotEvery how often a conversation is read while someone wrote in it within {@code hotFor}
 * @param idleEvery how often an idle conversation is read: {@code 3600 s / idleEvery} requests per
 *     idle conversation per hour (120 at the default 30 s)
 * @param hotFor how long after the last activity a conversation stays hot (10 min)
 * @param turn how long one reader turn runs before the shard records its watermarks (10 min)
 * @param membershipEvery how often a turn asks its shard which conversations to read (5 s): a new
 *     handoff's replies are read within this
 * @param stream whether a hot conversation is read from its WebSocket stream (pushed, no requests
 *     while it is open) rather than by {@code GET} every {@code hotEvery}; idle ones are always
 *     read by {@code GET}, so the sockets held are the hot conversations only
 * @param troubleAfter how long reading a conversation may keep failing before its handoff shows
 *     NeedsAttention at step RelayReplies (5 min); the relay goes on retrying either way
 */
public record RelaySettings(
    String botHandle,
    Duration hotEvery,
    Duration idleEvery,
    Duration hotFor,
    Duration turn,
    Duration membershipEvery,
    boolean stream,
    Duration troubleAfter) {

  public RelaySettings {
    Objects.requireNonNull(hotEvery, "hotEvery");
    Objects.requireNonNull(idleEvery, "idleEvery");
    Objects.requireNonNull(hotFor, "hotFor");
    Objects.requireNonNull(turn, "turn");
    Objects.requireNonNull(membershipEvery, "membershipEvery");
    Objects.requireNonNull(troubleAfter, "troubleAfter");
  }

  public static RelaySettings defaults(String botHandle) {
    return new RelaySettings(
        botHandle,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        Duration.ofMinutes(10),
        Duration.ofSeconds(5),
        true,
        Duration.ofMinutes(5));
  }
}
