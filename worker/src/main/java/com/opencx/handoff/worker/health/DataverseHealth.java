package com.opencx.handoff.worker.health;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports whether the configured Dataverse environment answers with our token ({@code WhoAmI}), so
 * a load balancer or an operator sees expired credentials before handoffs start parking. The answer
 * is reused for a minute: every probe is a request against the same service-protection budget the
 * handoffs need, and health endpoints are polled every few seconds.
 */
@Component("dataverse")
public class DataverseHealth implements HealthIndicator {

  static final Duration REUSE_FOR = Duration.ofMinutes(1);

  private final DataverseClient client;
  private volatile Health last;
  private volatile long lastAtNanos;

  public DataverseHealth(DataverseClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    Health cached = last;
    if (cached != null && System.nanoTime() - lastAtNanos < REUSE_FOR.toNanos()) {
      return cached;
    }
    Health fresh = probe();
    last = fresh;
    lastAtNanos = System.nanoTime();
    return fresh;
  }

  private Health probe() {
    try {
      var whoAmI = client.get("WhoAmI", Map.of());
      return Health.up()
          .withDetail("organizationId", whoAmI.path("OrganizationId").asText())
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
