package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * WhatsApp's 24-hour customer-service window: free-form replies are allowed until {@code closesAt}
 * ({@code lastInboundAt + 24h}); after it only approved templates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateWindow(boolean open, Instant closesAt) {}
