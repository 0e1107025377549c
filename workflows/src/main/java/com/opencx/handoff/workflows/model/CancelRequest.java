package com.opencx.handoff.workflows.model;

/**
 * The {@code cancel} Update's argument: end the handoff with its compensation (SPEC §5.3). {@code
 * closeWorkItem} asks to close the rep's conversation too, once it exists.
 */
public record CancelRequest(String reason, boolean closeWorkItem, String operator) {}
