package com.opencx.handoff.emulators.directline;

import java.util.Objects;

/**
 * One Omnichannel custom messaging channel as Direct Line sees it: the secret a client presents,
 * the workstream Omnichannel routes its conversations by, and the handle of the bot that speaks for
 * the reps. Each custom channel has its own Azure bot and therefore its own secret, so the secret
 * is what tells the emulator which workstream a conversation belongs to.
 *
 * @param secret the Direct Line secret ({@code Authorization: Bearer <secret>})
 * @param workstreamId the {@code msdyn_liveworkstreamid} work items of this channel are bound to
 * @param botHandle {@code from.id} of every activity the rep (Omnichannel) sends
 */
public record Channel(String secret, String workstreamId, String botHandle) {

  public Channel {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(workstreamId, "workstreamId");
    Objects.requireNonNull(botHandle, "botHandle");
    if (secret.isBlank() || botHandle.isBlank()) {
      throw new IllegalArgumentException("secret and botHandle must not be blank");
    }
  }
}
