package com.opencx.handoff.workflows.model;

/** How a handoff ended: its final phase, the work item if one was created, and why. */
public record HandoffResult(String sessionId, Phase outcome, String workItemId, String reason) {}
