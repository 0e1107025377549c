package com.opencx.handoff.worker.config;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.worker.*}: how the process itself starts. {@code start-workers}: false builds the
 * Temporal workers without starting them (tests); {@code temporal-retry-interval}: how often a
 * worker whose Temporal is not reachable yet asks again. Both are read where they act ({@code
 * TemporalWorkerStarter}); this record is their rules and the list of keys under the prefix, so a
 * misspelt one is refused.
 */
@Validated
@ConfigurationProperties(prefix = "handoff.worker", ignoreUnknownFields = false)
public record WorkerProperties(
    @DefaultValue("true") boolean startWorkers,
    @DefaultValue("5s")
        @DurationMin(millis = 100, message = "must be between 100ms and 10m")
        @DurationMax(minutes = 10, message = "must be between 100ms and 10m")
        Duration temporalRetryInterval) {}
