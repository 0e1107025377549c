package com.opencx.handoff.workflows.model;

import java.time.Instant;

/**
 * WhatsApp's 24-hour customer-service window: free-form replies are allowed until {@code closesAt}
 * ({@code lastInboundAt + 24h}); after it only approved templates.
 */
public record TemplateWindow(boolean open, Instant closesAt) {}
