package com.opencx.handoff.worker.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code opencx.*}: where OpenCX's API is and the key it accepts (from the environment only). Its
 * base URL may carry a path (OpenCX's API root), unlike the roots {@link RootUrl} judges.
 */
@Validated
@ConfigurationProperties(prefix = "opencx", ignoreUnknownFields = false)
public record OpenCxProperties(
    @NotBlank(message = "is required: OpenCX's API root, e.g. https://api.opencx.example")
        @Pattern(
            regexp = "(?i)\\s*https?://[^/?#\\s]+(/[^?#\\s]*[^/?#\\s])?\\s*",
            message =
                "must be an http:// or https:// URL without a trailing slash, query or fragment,"
                    + " e.g. https://api.opencx.example")
        String baseUrl,
    @NotBlank(message = "is required: the OpenCX API key, sent as a bearer token") String apiKey,
    @DefaultValue("5s") @DurationMin(millis = 1, message = "must be positive, e.g. 5s")
        Duration connectTimeout,
    @DefaultValue("30s") @DurationMin(millis = 1, message = "must be positive, e.g. 30s")
        Duration readTimeout) {}
