package com.opencx.handoff.worker.config;

import com.opencx.handoff.workflows.model.HandoffPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code handoff.policy.*}: the timers of every handoff this worker starts or continues. {@code
 * closed-check-every}: how often an idle handoff asks Dynamics whether the rep closed the
 * conversation (also asked when the template window closes); one Dataverse read and six history
 * events each time. {@code parked-retry-every} and {@code parked-give-up-after}: how a parked step
 * retries by itself (SPEC §5.2). {@code routing-timeout}: on the Direct Line route, how long a
 * handoff waits for Omnichannel's routing to create the conversation record before it parks (10 s
 * to 1 h). {@code template-window}: the WhatsApp window's length, 24 h; shorter (down to 1 min)
 * only to rehearse its closing on a dev stack. Each run reads them, with {@code dynamics.route},
 * once at its start.
 */
@ConfigurationProperties("handoff.policy")
public record HandoffPolicyProperties(
    @DefaultValue("24h") Duration closedCheckEvery,
    @DefaultValue("30m") Duration parkedRetryEvery,
    @DefaultValue("24h") Duration parkedGiveUpAfter,
    @DefaultValue("5m") Duration routingTimeout,
    @DefaultValue("24h") Duration templateWindow) {

  /** The bounds of each key, checked at start-up (ConfigurationProblems). */
  static void check(String key, Duration value) {
    Duration min;
    Duration max;
    switch (key) {
      case "routing-timeout" -> {
        min = Duration.ofSeconds(10);
        max = Duration.ofHours(1);
      }
      case "template-window" -> {
        min = Duration.ofMinutes(1);
        max = HandoffPolicy.WHATSAPP_WINDOW;
      }
      default -> throw new IllegalArgumentException("unknown key " + key);
    }
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "handoff.policy." + key + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** The policy of a run on {@code route} ({@code dynamics.route}). */
  HandoffPolicy policy(String route) {
    return new HandoffPolicy(
        closedCheckEvery,
        parkedRetryEvery,
        parkedGiveUpAfter,
        HandoffRoute.of(route).value(),
        routingTimeout,
        templateWindow);
  }
}
