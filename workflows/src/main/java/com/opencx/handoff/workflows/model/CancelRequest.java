package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code cancel} Update's argument: end the handoff with its compensation (SPEC §5.3). {@code
 * closeWorkItem} asks to close the rep's conversation too, once it exists.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelRequest(String reason, boolean closeWorkItem, String operator) {}
