package com.opencx.handoff.starter.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's own metrics beyond Spring's HTTP server metrics: the parked handoffs gauge, counted
 * from visibility once a minute ({@link ParkedHandoffs}); the starts counter is {@link
 * HandoffStarts}.
 */
@Configuration
public class MetricsConfiguration {

  /**
   * {@code handoff.metrics.parked-refresh}, default 60 s: often enough for a 15-minute alert, rare
   * enough to cost visibility nothing.
   */
  @Bean(destroyMethod = "close")
  ParkedHandoffs parkedHandoffs(
      WorkflowClient client,
      MeterRegistry registry,
      @Value("${handoff.metrics.parked-refresh:60s}") Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException(
          "handoff.metrics.parked-refresh must be a positive duration, e.g. 60s; got " + every);
    }
    return new ParkedHandoffs(
        () -> client.countWorkflows(ParkedHandoffs.QUERY).getCount(), registry, every);
  }

  @Bean
  HandoffStarts handoffStarts(MeterRegistry registry) {
    return new HandoffStarts(registry);
  }
}
