package com.opencx.handoff.worker.config;

import com.opencx.handoff.workflows.model.HandoffPolicy;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.policy.*}: the timers of every handoff this worker starts or continues, read by
 * each run once at its start (with {@code dynamics.route}) and kept in its history. {@code
 * closed-check-every}: how often an idle handoff asks Dynamics whether the rep closed the
 * conversation (one Dataverse read and six history events each time). {@code parked-retry-every}
 * and {@code parked-give-up-after}: how a parked step retries by itself (SPEC §5.2). {@code
 * step-budget}: how long one step may retry before the handoff parks. {@code routing-timeout}: on
 * the Direct Line route, how long a handoff waits for Omnichannel's routing to create the
 * conversation record before it parks. {@code template-window}: the WhatsApp window, 24 h; shorter
 * only to rehearse its closing. {@code silence-ends-after}: how long without an inbound message
 * ends a handoff. {@code media-parallelism}: how many media items move at a time.
 */
@Validated
@ConfigurationProperties(prefix = "handoff.policy", ignoreUnknownFields = false)
public record HandoffPolicyProperties(
    @DefaultValue("24h") @DurationMin(minutes = 5, message = "must be at least 5m")
        Duration closedCheckEvery,
    @DefaultValue("30m") @DurationMin(minutes = 1, message = "must be at least 1m")
        Duration parkedRetryEvery,
    @DefaultValue("24h") Duration parkedGiveUpAfter,
    @DefaultValue("5m")
        @DurationMin(seconds = 10, message = "must be between 10s and 1h")
        @DurationMax(hours = 1, message = "must be between 10s and 1h")
        Duration routingTimeout,
    @DefaultValue("24h")
        @DurationMin(minutes = 1, message = "must be between 1m and 24h")
        @DurationMax(hours = 24, message = "must be between 1m and 24h")
        Duration templateWindow,
    @DefaultValue("10m")
        @DurationMin(minutes = 1, message = "must be between 1m and 24h")
        @DurationMax(hours = 24, message = "must be between 1m and 24h")
        Duration stepBudget,
    @DefaultValue("30d")
        @DurationMin(hours = 1, message = "must be between 1h and 365d")
        @DurationMax(days = 365, message = "must be between 1h and 365d")
        Duration silenceEndsAfter,
    @DefaultValue("4")
        @Min(value = 1, message = "must be between 1 and 20 (a request carries at most 20 media)")
        @Max(value = 20, message = "must be between 1 and 20 (a request carries at most 20 media)")
        int mediaParallelism) {

  /** A parked step must get at least one retry of its own before it gives up. */
  @AssertTrue(
      message =
          "handoff.policy.parked-give-up-after must be at least handoff.policy.parked-retry-every")
  boolean isGiveUpAfterARetry() {
    return parkedGiveUpAfter == null
        || parkedRetryEvery == null
        || parkedGiveUpAfter.compareTo(parkedRetryEvery) >= 0;
  }

  /** The policy of a run on {@code route} ({@code dynamics.route}). */
  HandoffPolicy policy(String route) {
    return new HandoffPolicy(
        closedCheckEvery,
        parkedRetryEvery,
        parkedGiveUpAfter,
        HandoffRoute.of(route).value(),
        routingTimeout,
        templateWindow,
        stepBudget,
        silenceEndsAfter,
        mediaParallelism);
  }
}
