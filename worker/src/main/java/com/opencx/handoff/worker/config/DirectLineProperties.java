package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * the route is used ({@code dynamics.route}, another prefix: {@link ConfigurationProblems}).
 */
@Validated
@ConfigurationProperties(prefix = "directline", ignoreUnknownFields = false)
public record DirectLineProperties(
    @DefaultValue(DirectLineSettings.DEFAULT_BASE_URL)
        @NotBlank(message = "is required, e.g. " + DirectLineSettings.DEFAULT_BASE_URL)
        @RootUrl(
            message =
                "must be Direct Line's https root URL without a path or trailing slash, e.g."
                    + " https://europe.directline.botframework.com (http only to a loopback"
                    + " emulator)")
        String baseUrl,
    String botHandle,
    List<@NotNull @Valid Channel> channels,
    @DefaultValue("10s") @DurationMin(millis = 1, message = "must be positive, e.g. 10s")
        Duration connectTimeout,
    @DefaultValue("30s") @DurationMin(millis = 1, message = "must be positive, e.g. 30s")
        Duration readTimeout,
    @DefaultValue @Valid Relay relay) {

  /**
   * {@code directline.relay.*}: how the reply relay reads the rep's side (documented on {@link
   * com.opencx.handoff.activities.replies.RelaySettings}); a turn stays well inside its activity's
   * 20-minute limit.
   */
  public record Relay(
      @DefaultValue("1s")
          @DurationMin(millis = 100, message = "must be between 100ms and 1m")
          @DurationMax(minutes = 1, message = "must be between 100ms and 1m")
          Duration hotEvery,
      @DefaultValue("30s")
          @DurationMin(seconds = 1, message = "must be between 1s and 10m")
          @DurationMax(minutes = 10, message = "must be between 1s and 10m")
          Duration idleEvery,
      @DefaultValue("10m")
          @DurationMin(message = "must be between 0s and 24h")
          @DurationMax(hours = 24, message = "must be between 0s and 24h")
          Duration hotFor,
      @DefaultValue("10m")
          @DurationMin(seconds = 10, message = "must be between 10s and 15m")
          @DurationMax(minutes = 15, message = "must be between 10s and 15m")
          Duration turn,
      @DefaultValue("5s")
          @DurationMin(millis = 100, message = "must be between 100ms and 1m")
          @DurationMax(minutes = 1, message = "must be between 100ms and 1m")
          Duration membershipEvery,
      @DefaultValue("true") boolean stream,
      @DefaultValue(ReplyRelayWorkflow.ID_PREFIX)
          @Pattern(
              regexp = "[A-Za-z0-9_.-]{1,64}",
              message = "must be 1 to 64 of the characters A-Z a-z 0-9 _ . -")
          String shardPrefix,
      @DefaultValue("5m")
          @DurationMin(seconds = 10, message = "must be between 10s and 1h")
          @DurationMax(hours = 1, message = "must be between 10s and 1h")
          Duration troubleAfter) {}

  /** One workstream's custom channel. */
  public record Channel(
      @NotBlank(message = "is required: the Omnichannel workstream GUID this channel feeds") @Guid
          String workstreamId,
      @NotBlank(
              message =
                  "is required: the Direct Line secret of that workstream's channel (a list binds"
                      + " whole from one source: set workstream-id and secret side by side, e.g."
                      + " both as DIRECTLINE_CHANNELS_<i>_* environment variables or both as"
                      + " files)")
          String secret) {
    @Override
    public String toString() {
      return "Channel[workstreamId=" + workstreamId + ", secret=****]";
    }
  }

  /** Each workstream has one channel: a request's workstream must pick exactly one secret. */
  @AssertTrue(
      message = "directline.channels names a workstream more than once; each needs one entry")
  boolean isEachWorkstreamOnce() {
    Set<String> seen = new HashSet<>();
    for (Channel channel : channels == null ? List.<Channel>of() : channels) {
      String id = channel == null || channel.workstreamId() == null ? "" : channel.workstreamId();
      String key = id.strip().toLowerCase(Locale.ROOT);
      if (!key.isEmpty() && !seen.add(key)) {
        return false;
      }
    }
    return true;
  }

  /** The bot handle is required when handoffs go over Direct Line. */
  static void checkBotHandle(HandoffRoute route, String botHandle) {
    if (route == HandoffRoute.DIRECT_LINE && (botHandle == null || botHandle.isBlank())) {
      throw new IllegalArgumentException(
          "directline.bot-handle is required when dynamics.route=direct-line: the bot's from.id"
              + " that the agent's replies come from");
    }
  }

  /** At least one channel when handoffs go over Direct Line. */
  static void checkChannels(HandoffRoute route, List<Channel> channels) {
    if (route == HandoffRoute.DIRECT_LINE && (channels == null || channels.isEmpty())) {
      throw new IllegalArgumentException(
          "directline.channels needs at least one {workstream-id, secret} when"
              + " dynamics.route=direct-line");
    }
  }
}
