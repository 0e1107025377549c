package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** How a handoff ended: its final phase, the work item if one was created, and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffResult(String sessionId, Phase outcome, String workItemId, String reason) {}
