package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code directline.*}: the Direct Line side of the {@code direct-line} route (SPEC §10). Each
 * Omnichannel workstream that handoffs are routed to has its own custom channel and so its own
 * Direct Line secret (directline.md §1: the secret is the master key of that bot's conversations),
 * hence a list of {@code {workstream-id, secret}}. Secrets come, like every other secret, from the
 * environment ({@code DIRECTLINE_CHANNELS_0_SECRET}) or a file per key in the secrets directory
 * ({@code directline.channels[0].secret}). Spring binds a list whole from the one source that has
 * it, so an entry's workstream and secret must come from the same source; they never appear in
 * {@link Channel#toString()} or in a validation message. {@code bot-handle} is the bot's {@code
 * from.id}: replies from any other sender are ignored (directline.md §4), so it is required once
 * the route is used.
 */
@ConfigurationProperties("directline")
public record DirectLineProperties(
    @DefaultValue(DirectLineSettings.DEFAULT_BASE_URL) String baseUrl,
    String botHandle,
    List<Channel> channels,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue Relay relay) {

  /**
   * {@code directline.relay.*}: how the reply relay reads the rep's side (documented on {@link
   * com.opencx.handoff.activities.replies.RelaySettings}).
   */
  public record Relay(
      @DefaultValue("1s") Duration hotEvery,
      @DefaultValue("30s") Duration idleEvery,
      @DefaultValue("10m") Duration hotFor,
      @DefaultValue("10m") Duration turn,
      @DefaultValue("5s") Duration membershipEvery,
      @DefaultValue("true") boolean stream,
      @DefaultValue(ReplyRelayWorkflow.ID_PREFIX) String shardPrefix,
      @DefaultValue("5m") Duration troubleAfter) {}

  /** Every relay duration positive, a turn well inside its activity's 20-minute limit. */
  static void checkRelay(Relay relay) {
    if (relay == null) {
      return;
    }
    check("hot-every", relay.hotEvery(), Duration.ofMillis(100), Duration.ofMinutes(1));
    check("idle-every", relay.idleEvery(), Duration.ofSeconds(1), Duration.ofMinutes(10));
    check("hot-for", relay.hotFor(), Duration.ZERO, Duration.ofHours(24));
    check("turn", relay.turn(), Duration.ofSeconds(10), Duration.ofMinutes(15));
    check(
        "membership-every", relay.membershipEvery(), Duration.ofMillis(100), Duration.ofMinutes(1));
  }

  private static void check(String key, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "directline.relay." + key + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  /** One workstream's custom channel. */
  public record Channel(String workstreamId, String secret) {
    @Override
    public String toString() {
      return "Channel[workstreamId=" + workstreamId + ", secret=****]";
    }
  }

  /** The bot handle is required when handoffs go over Direct Line. */
  static void checkBotHandle(HandoffRoute route, String botHandle) {
    if (route == HandoffRoute.DIRECT_LINE && (botHandle == null || botHandle.isBlank())) {
      throw new IllegalArgumentException(
          "directline.bot-handle is required when dynamics.route=direct-line: the bot's from.id"
              + " that the agent's replies come from");
    }
  }

  /** At least one channel when handoffs go over Direct Line; workstreams unique. */
  static void checkChannels(HandoffRoute route, List<Channel> channels) {
    List<Channel> list = channels == null ? List.of() : channels;
    if (route == HandoffRoute.DIRECT_LINE && list.isEmpty()) {
      throw new IllegalArgumentException(
          "directline.channels needs at least one {workstream-id, secret} when"
              + " dynamics.route=direct-line");
    }
    Set<String> seen = new HashSet<>();
    for (Channel channel : list) {
      String id = channel == null || channel.workstreamId() == null ? "" : channel.workstreamId();
      String key = id.strip().toLowerCase(Locale.ROOT);
      if (!key.isEmpty() && !seen.add(key)) {
        throw new IllegalArgumentException(
            "directline.channels names workstream "
                + key
                + " more than once; each needs one entry");
      }
    }
  }

  /** Channel {@code index}: a workstream GUID and a non-blank secret. */
  static void checkChannel(int index, Channel channel) {
    String prefix = "directline.channels[" + index + "].";
    String id = channel == null ? null : channel.workstreamId();
    if (id == null || !GUID.matcher(id.strip()).matches()) {
      throw new IllegalArgumentException(
          prefix
              + "workstream-id must be an Omnichannel workstream GUID, got "
              + (id == null ? "nothing" : "'" + id + "'"));
    }
    if (channel.secret() == null || channel.secret().isBlank()) {
      throw new IllegalArgumentException(
          prefix
              + "secret is required: the Direct Line secret of that workstream's channel (a list"
              + " binds whole from one source: set workstream-id and secret side by side, e.g."
              + " both as DIRECTLINE_CHANNELS_"
              + index
              + "_* environment variables or both as files)");
    }
  }
}
