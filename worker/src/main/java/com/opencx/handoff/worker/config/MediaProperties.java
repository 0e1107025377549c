package com.opencx.handoff.worker.config;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code media.*}: which customer media is uploaded to Dynamics and how large it may be. Larger or
 * refused files are not uploaded; the rep gets a note naming the file and why.
 */
@ConfigurationProperties("media")
public record MediaProperties(
    @DefaultValue("16MB") DataSize maxBytes,
    Map<String, DataSize> maxBytesByType,
    Set<String> allowedTypes) {}
