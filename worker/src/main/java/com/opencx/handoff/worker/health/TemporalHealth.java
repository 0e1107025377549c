package com.opencx.handoff.worker.health;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Reports whether the Temporal frontend answers its gRPC health check. */
@Component("temporal")
public class TemporalHealth implements HealthIndicator {

  private final WorkflowServiceStubs stubs;

  public TemporalHealth(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public Health health() {
    try {
      var response = stubs.healthCheck();
      return Health.status(response.getStatus().name().equals("SERVING") ? "UP" : "DOWN")
          .withDetail("status", response.getStatus().name())
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
