package com.opencx.handoff.workflows.model;

import java.util.List;

/**
 * The status document served by {@code GET /v1/handoffs/{sessionId}} and the workflow's {@code
 * status} query. It holds no phone number, email or name, so it can be shown to any caller that may
 * see the session.
 */
public record HandoffStatus(
    String sessionId,
    String workflowId,
    Phase phase,
    Step step,
    String workstreamId,
    String workItemId,
    boolean contactLinked,
    ContactRule contactRule,
    TemplateWindow window,
    String lastError,
    int attempts,
    String outcomeReason,
    List<MediaOutcome> media) {}
