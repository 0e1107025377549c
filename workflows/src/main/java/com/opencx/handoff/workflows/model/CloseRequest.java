package com.opencx.handoff.workflows.model;

/** OpenCX's word that the conversation ended; the reason goes to the audit trail. */
public record CloseRequest(String reason) {}
