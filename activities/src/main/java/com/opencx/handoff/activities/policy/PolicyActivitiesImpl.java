package com.opencx.handoff.activities.policy;

import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import java.time.Duration;

/**
 * Hands each handoff run the worker's configured timer settings ({@code handoff.policy.*}). The
 * values are checked here, at start-up, so a worker with nonsense settings never starts rather than
 * recording them into every run it touches.
 */
public final class PolicyActivitiesImpl implements PolicyActivities {

  private final HandoffPolicy policy;

  public PolicyActivitiesImpl(HandoffPolicy policy) {
    requireAtLeast(policy.closedCheckEvery(), Duration.ofMinutes(5), "closed-check-every");
    requireAtLeast(policy.parkedRetryEvery(), Duration.ofMinutes(1), "parked-retry-every");
    requireAtLeast(policy.parkedGiveUpAfter(), policy.parkedRetryEvery(), "parked-give-up-after");
    requireAtLeast(policy.routingTimeout(), Duration.ofSeconds(10), "routing-timeout");
    this.policy = policy;
  }

  @Override
  public HandoffPolicy handoffPolicy() {
    return policy;
  }

  private static void requireAtLeast(Duration value, Duration floor, String key) {
    if (value == null || value.compareTo(floor) < 0) {
      throw new IllegalArgumentException(
          "handoff.policy." + key + " must be at least " + floor + ", not " + value);
    }
  }
}
