package com.opencx.handoff.worker.health;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports whether the configured Dataverse environment answers with our token ({@code WhoAmI}), so
 * a load balancer or an operator sees expired credentials before handoffs start parking.
 */
@Component("dataverse")
public class DataverseHealth implements HealthIndicator {

  private final DataverseClient client;

  public DataverseHealth(DataverseClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
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
