package com.opencx.handoff.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dynamics.*}: the Dataverse environment and how to authenticate to it. Either Entra client
 * credentials ({@code tenant-id}, {@code client-id}, {@code client-secret}) or, for the local
 * emulator only, a {@code static-token}. The workstream may also come from the legacy key {@code
 * default_queue_id}; see {@link ActivitiesConfiguration#workstreamId}. {@code route} is {@code
 * record} or {@code direct-line} ({@link HandoffRoute}, SPEC §10).
 */
@ConfigurationProperties("dynamics")
public record DynamicsProperties(
    String environmentUrl,
    String workstreamId,
    String tenantId,
    String clientId,
    String clientSecret,
    String staticToken,
    @DefaultValue("true") boolean phoneMatching,
    @DefaultValue("false") boolean createContactWhenMissing,
    @DefaultValue("20") int requestsPerSecond,
    @DefaultValue("48") int maxConcurrentRequests,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("record") String route) {

  /** True when client credentials are configured; a static token is then not allowed. */
  boolean usesClientCredentials() {
    return !blank(tenantId) || !blank(clientId) || !blank(clientSecret);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
