package com.opencx.handoff.activities.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.workflows.model.HandoffPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyActivitiesImplTest {

  @Test
  void theDefaultsAreAccepted() {
    assertThat(new PolicyActivitiesImpl(HandoffPolicy.DEFAULTS).handoffPolicy())
        .isEqualTo(HandoffPolicy.DEFAULTS);
  }

  @Test
  void eachNonsenseValueIsRefusedNamingItsKey() {
    assertThatThrownBy(
            () ->
                new PolicyActivitiesImpl(
                    new HandoffPolicy(
                        Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofHours(24))))
        .hasMessageContaining("handoff.policy.closed-check-every");
    assertThatThrownBy(
            () ->
                new PolicyActivitiesImpl(
                    new HandoffPolicy(Duration.ofHours(24), Duration.ZERO, Duration.ofHours(24))))
        .hasMessageContaining("handoff.policy.parked-retry-every");
    assertThatThrownBy(
            () ->
                new PolicyActivitiesImpl(
                    new HandoffPolicy(
                        Duration.ofHours(24), Duration.ofHours(2), Duration.ofHours(1))))
        .hasMessageContaining("handoff.policy.parked-give-up-after must be at least PT2H");
  }
}
