package com.opencx.handoff.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code opencx.*}: where OpenCX's API is and the key it accepts (from the environment only). */
@ConfigurationProperties("opencx")
public record OpenCxProperties(
    String baseUrl,
    String apiKey,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout) {}
