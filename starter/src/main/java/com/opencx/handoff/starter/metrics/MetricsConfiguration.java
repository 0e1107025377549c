package com.opencx.handoff.starter.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's own metrics beyond Spring's HTTP server metrics: the parked handoffs gauge, counted
 * from visibility once a minute ({@link ParkedHandoffs}); the starts counter is {@link
 * HandoffStarts}.
 */
@Configuration
public class MetricsConfiguration {

  /** Often enough for a 15-minute alert, rare enough to cost visibility nothing. */
  static final Duration PARKED_REFRESH = Duration.ofSeconds(60);

  @Bean(destroyMethod = "close")
  ParkedHandoffs parkedHandoffs(WorkflowClient client, MeterRegistry registry) {
    return new ParkedHandoffs(
        () -> client.countWorkflows(ParkedHandoffs.QUERY).getCount(), registry, PARKED_REFRESH);
  }

  @Bean
  HandoffStarts handoffStarts(MeterRegistry registry) {
    return new HandoffStarts(registry);
  }
}
